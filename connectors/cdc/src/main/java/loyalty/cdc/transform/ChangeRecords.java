package loyalty.cdc.transform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import loyalty.cdc.mapping.ChangeKind;
import loyalty.cdc.mapping.RowChange;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Reads a Debezium PostgreSQL change record (envelope with before, after, source, op) into a {@link RowChange} of
 * plain Java values, so the mapping never sees a Connect type.
 */
final class ChangeRecords {
    /** What Debezium puts in an unchanged TOASTed column of an update's new image (its default placeholder). */
    static final String UNAVAILABLE = "__debezium_unavailable_value";

    private static final String ENVELOPE_SUFFIX = ".Envelope";
    private static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
    private static final String DEBEZIUM_DATE = "io.debezium.time.Date";
    private static final String CONNECT_DATE = org.apache.kafka.connect.data.Date.LOGICAL_NAME;
    private static final String CONNECT_TIMESTAMP = org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME;

    private ChangeRecords() {
    }

    /** True for Debezium's data-change envelopes; heartbeats, tombstones and other records are not row changes. */
    static boolean isRowChange(SourceRecord record) {
        Schema schema = record.valueSchema();
        return record.value() instanceof Struct && schema != null && schema.name() != null
                && schema.name().endsWith(ENVELOPE_SUFFIX);
    }

    /** The row change, or empty for a record that is not one (or an op the mapping does not know, e.g. truncate). */
    static Optional<RowChange> read(SourceRecord record) {
        if (!isRowChange(record)) {
            return Optional.empty();
        }
        Struct envelope = (Struct) record.value();
        Optional<ChangeKind> kind = ChangeKind.fromDebeziumOp(envelope.getString("op"));
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        Struct source = envelope.getStruct("source");
        Map<String, Object> before = row(envelope.getStruct("before"));
        Map<String, Object> after = row(envelope.getStruct("after"));
        if (before != null && after != null) {
            // With REPLICA IDENTITY FULL the old image has the full value of an unchanged TOASTed column.
            after.replaceAll((column, value) -> UNAVAILABLE.equals(value) ? before.get(column) : value);
        }
        Long lsn = source.getInt64("lsn");
        Long committedMillis = source.getInt64("ts_ms");
        return Optional.of(new RowChange(source.getString("table"), kind.get(), before, after,
                lsn == null ? 0L : lsn, committedMillis == null ? null : Instant.ofEpochMilli(committedMillis)));
    }

    private static Map<String, Object> row(Struct struct) {
        if (struct == null) {
            return null;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (Field field : struct.schema().fields()) {
            row.put(field.name(), plain(field.schema(), struct.get(field)));
        }
        return row;
    }

    /** Connect and Debezium logical types to the plain Java values the mapping reads. */
    private static Object plain(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        String name = schema.name();
        if (ZONED_TIMESTAMP.equals(name) && value instanceof String s && !UNAVAILABLE.equals(s)) {
            return OffsetDateTime.parse(s).toInstant();
        }
        if (CONNECT_DATE.equals(name) && value instanceof java.util.Date d) {
            return Instant.ofEpochMilli(d.getTime()).atOffset(ZoneOffset.UTC).toLocalDate();
        }
        if (DEBEZIUM_DATE.equals(name) && value instanceof Integer days) {
            return LocalDate.ofEpochDay(days);
        }
        if (CONNECT_TIMESTAMP.equals(name) && value instanceof java.util.Date d) {
            return d.toInstant();
        }
        if (schema.type() == Schema.Type.ARRAY && value instanceof List<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            for (Object item : items) {
                out.add(plain(schema.valueSchema(), item));
            }
            return out;
        }
        return value;
    }
}
