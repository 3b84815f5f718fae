package loyalty.generator.operational;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import loyalty.contract.event.EventType;

/**
 * One statement against the operational tables: an INSERT (no before), an UPDATE (both) or a DELETE (no after).
 *
 * @param at       when the source system made the change (the rows carry it as created/updated/returned/published)
 * @param seq      the owner's creation order, then {@code step} within the owner: ties in time keep causal order
 * @param personId the true person behind the row, or null (staff test accounts, rule sets)
 */
public record OperationalChange(Instant at, long seq, int step, Kind kind, Row before, Row after, String personId) {
    public static final Comparator<OperationalChange> ORDER = Comparator.comparing(OperationalChange::at)
            .thenComparingLong(OperationalChange::seq).thenComparingInt(OperationalChange::step);

    public enum Kind { INSERT, UPDATE, DELETE }

    public OperationalChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.INSERT) != (before == null) || (kind == Kind.DELETE) != (after == null)) {
            throw new IllegalArgumentException(kind + " with before=" + before + " after=" + after);
        }
    }

    public Row row() {
        return after != null ? after : before;
    }

    public String table() {
        return row().table();
    }

    /** {@code table:primary key}, the record key of the ground truth. */
    public String key() {
        return row().table() + ":" + row().primaryKey();
    }

    public String program() {
        return row().program();
    }

    /** The canonical event the CDC connector must make of this change, if any (see {@link CdcMapping}). */
    public Optional<EventType> expectedEvent() {
        return CdcMapping.expectedEvent(this);
    }
}
