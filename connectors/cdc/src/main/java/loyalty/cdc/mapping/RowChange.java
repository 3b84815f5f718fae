package loyalty.cdc.mapping;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One captured row change in plain Java values (String, Boolean, Instant, LocalDate, BigDecimal or its string,
 * List of String); no Kafka Connect types, so the mapping can be tested with literal maps.
 *
 * @param before      the row before an update or delete (null for snapshot reads and inserts)
 * @param after       the row after a snapshot read, insert or update (null for deletes)
 * @param lsn         the WAL position of the change; stable when the same change is delivered again
 * @param committedAt when the source transaction committed, if known (null in a snapshot or a test)
 */
public record RowChange(String table, ChangeKind kind, Map<String, Object> before, Map<String, Object> after,
                        long lsn, Instant committedAt) {

    public RowChange {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(kind, "kind");
    }

    /** The dead-letter source of this change: {@code cdc:<table>}. */
    public String source() {
        return "cdc:" + table;
    }

    /** The dead-letter position of this change: its LSN. */
    public String position() {
        return Long.toString(lsn);
    }

    Row beforeRow() {
        return before == null ? null : new Row(table, before);
    }

    Row afterRow() {
        return after == null ? null : new Row(table, after);
    }
}
