package loyalty.flink.replay;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import loyalty.flink.raw.RawEvent;
import loyalty.lakehouse.catalog.LakehouseConfig;

/**
 * What a replay reads and where it writes.
 *
 * @param namespace   the Iceberg namespace its ledger tables are (re)created in, never the live {@code ledger}
 * @param until       only events with {@code occurred_at ≤ until} are read; null for all of raw.events
 * @param horizon     effects due after it (expiry, availability, reviews, birthdays) are not applied: the event
 *                    time a live run had reached
 * @param extraEvents events added to the history, e.g. a candidate rule set published for a simulation
 * @param rulesFrozenFrom rule sets recorded as published at or after it are left out, so that a simulation's
 *                    candidate governs from then on; null keeps them all
 */
public record ReplaySettings(LakehouseConfig lakehouse, String namespace, Instant until, Instant horizon,
                             List<RawEvent> extraEvents, Instant rulesFrozenFrom, int parallelism) {

    /** A replay of the whole recorded history up to {@code horizon}. */
    public static ReplaySettings of(LakehouseConfig lakehouse, String namespace, Instant horizon, int parallelism) {
        return new ReplaySettings(lakehouse, namespace, null, horizon, List.of(), null, parallelism);
    }

    public ReplaySettings {
        Objects.requireNonNull(lakehouse, "lakehouse");
        Objects.requireNonNull(horizon, "horizon");
        if (loyalty.flink.ledger.LedgerTables.LIVE_NAMESPACE.equals(namespace)) {
            throw new IllegalArgumentException("a replay never writes the live ledger namespace '" + namespace + "'");
        }
        extraEvents = extraEvents == null ? List.of() : List.copyOf(extraEvents);
    }
}
