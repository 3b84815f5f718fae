package loyalty.cli.bench;

import java.time.Instant;
import java.util.Optional;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.RawEvents;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;

/**
 * When raw.events got its rows, from the table's own history: each Flink checkpoint that carried data is one Iceberg
 * snapshot, stamped with its commit time and the table's running row count. More exact than the moment a poller
 * happened to look.
 */
final class RawEventsCommits {
    private RawEventsCommits() {
    }

    /** The first commit after which the table held at least {@code rows} rows, and how many commits led to it. */
    record Reached(Instant committedAt, int commits) {
    }

    static Optional<Reached> firstReaching(LakehouseConfig config, long rows) {
        try (Lakehouse lakehouse = Lakehouse.open(config)) {
            Table table = lakehouse.load(RawEvents.DEFINITION);
            Snapshot first = null;
            for (Snapshot snapshot : table.snapshots()) {
                if (totalRecords(snapshot) >= rows
                        && (first == null || snapshot.timestampMillis() < first.timestampMillis())) {
                    first = snapshot;
                }
            }
            if (first == null) {
                return Optional.empty();
            }
            long at = first.timestampMillis();
            int upTo = 0;
            for (Snapshot snapshot : table.snapshots()) {
                upTo += snapshot.timestampMillis() <= at ? 1 : 0;
            }
            return Optional.of(new Reached(Instant.ofEpochMilli(at), upTo));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the history of " + RawEvents.ID + ": " + e.getMessage(), e);
        }
    }

    private static long totalRecords(Snapshot snapshot) {
        String total = snapshot.summary().get(SnapshotSummary.TOTAL_RECORDS_PROP);
        return total == null ? -1 : Long.parseLong(total);
    }
}
