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
