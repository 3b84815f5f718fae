package loyalty.flink.raw;

import java.time.Instant;
import loyalty.contract.event.Identifiers;
import loyalty.lakehouse.table.RawEvents;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.flink.FlinkSchemaUtil;

/**
 * {@link RawEvent} as a row of {@link RawEvents#SCHEMA}, in the schema's column order. Timestamps with zone are
 * Flink's LOCAL ZONED TIMESTAMP, i.e. {@link TimestampData} of the instant.
 */
public final class RawEventRows implements MapFunction<RawEvent, RowData> {
    /** The Flink row type Iceberg derives from the table schema. */
    public static final RowType ROW_TYPE = FlinkSchemaUtil.convert(RawEvents.SCHEMA);

    public static TypeInformation<RowData> typeInfo() {
        return InternalTypeInfo.of(ROW_TYPE);
    }

    @Override
    public RowData map(RawEvent event) {
        return toRow(event);
    }

    public static RowData toRow(RawEvent e) {
        return GenericRowData.of(
                text(e.eventId()),
                text(e.type()),
                text(e.program()),
                time(e.occurredAt()),
                text(e.source()),
                identifiers(e.identifiers()),
                text(e.payloadJson()),
                time(e.ingestedAt()),
                text(e.kafkaTopic()),
                e.kafkaPartition(),
                e.kafkaOffset());
    }

    /** The event of a row read back from raw.events (all columns, in the schema's order): replays start here. */
    public static RawEvent fromRow(RowData row) {
        RowData ids = row.isNullAt(5) ? null : row.getRow(5, 5);
        return new RawEvent(
                string(row, 0), string(row, 1), string(row, 2),
                row.getTimestamp(3, 6).toInstant(),
                string(row, 4),
                ids == null ? Identifiers.NONE
                        : new Identifiers(string(ids, 0), string(ids, 1), string(ids, 2), string(ids, 3),
                        string(ids, 4)),
                string(row, 6),
                row.getTimestamp(7, 6).toInstant(),
                string(row, 8),
                row.isNullAt(9) ? -1 : row.getInt(9),
                row.isNullAt(10) ? -1 : row.getLong(10));
    }

    private static String string(RowData row, int pos) {
        return row.isNullAt(pos) ? null : row.getString(pos).toString();
    }

    private static RowData identifiers(Identifiers ids) {
        if (ids == null || ids.isEmpty()) {
            return null;
        }
        return GenericRowData.of(text(ids.email()), text(ids.phone()), text(ids.card()), text(ids.crmId()),
                text(ids.deviceId()));
    }

    private static StringData text(String s) {
        return s == null ? null : StringData.fromString(s);
    }

    private static TimestampData time(Instant instant) {
        return TimestampData.fromInstant(instant);
    }
}
