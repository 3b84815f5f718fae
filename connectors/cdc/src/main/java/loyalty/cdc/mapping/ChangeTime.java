package loyalty.cdc.mapping;

import java.time.Instant;

/** When a change happened in business time, from the row's own timestamp columns. */
final class ChangeTime {
    private ChangeTime() {
    }

    /**
     * The row's timestamp column; but when an update left that column as it was (an application that does not
     * maintain {@code updated_at}), the old value would date a new change in the past, so the transaction's commit
     * time stands in for it. Both are stable when the same change is delivered again.
     */
    static Instant of(RowChange change, String column) {
        Row after = change.afterRow();
        Instant stamped = after.requiredInstant(column);
        Row before = change.beforeRow();
        if (change.kind() == ChangeKind.UPDATE && before != null && before.sameAs(after, column)
                && change.committedAt() != null) {
            return change.committedAt();
        }
        return stamped;
    }

    /** A dedicated column (enrolled_at, completed_at) when the application filled it, else {@link #of}. */
    static Instant preferring(RowChange change, String dedicatedColumn, String fallbackColumn) {
        Instant dedicated = change.afterRow().instant(dedicatedColumn);
        return dedicated != null ? dedicated : of(change, fallbackColumn);
    }
}
