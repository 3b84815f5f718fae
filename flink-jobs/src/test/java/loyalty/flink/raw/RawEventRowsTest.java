package loyalty.flink.raw;

import static loyalty.flink.raw.TestEvents.JAN_5_NOON;
import static loyalty.flink.raw.TestEvents.raw;
import static org.assertj.core.api.Assertions.assertThat;

import loyalty.contract.deadletter.DeadLetter;
import loyalty.flink.common.KafkaInput;
import loyalty.lakehouse.table.RawEvents;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.Test;

class RawEventRowsTest {

    @Test
    void aRowFollowsTheTableSchemaColumnByColumn() {
        RowData row = RawEventRows.toRow(raw("pos-1", 42));

        assertThat(row.getArity()).isEqualTo(RawEvents.SCHEMA.columns().size());
        assertThat(row.getString(column("event_id")).toString()).isEqualTo("pos-1");
        assertThat(row.getString(column("type")).toString()).isEqualTo("order.completed");
        assertThat(row.getTimestamp(column("occurred_at"), 6).toInstant()).isEqualTo(JAN_5_NOON);
        assertThat(row.getRow(column("identifiers"), 5).getString(0).toString()).isEqualTo("bob@x.com");
        assertThat(row.getRow(column("identifiers"), 5).isNullAt(2)).isTrue();
        assertThat(row.getString(column("payload")).toString()).contains("\"order_id\":\"O-pos-1\"");
        assertThat(row.getString(column("kafka_topic")).toString()).isEqualTo("loyalty.input.orders");
        assertThat(row.getInt(column("kafka_partition"))).isZero();
        assertThat(row.getLong(column("kafka_offset"))).isEqualTo(42L);
        assertThat(RawEventRows.ROW_TYPE.getFieldCount()).isEqualTo(row.getArity());
    }

    @Test
    void aRowReadBackIsTheEventWritten() {
        RawEvent event = raw("pos-1", 42);

        assertThat(RawEventRows.fromRow(RawEventRows.toRow(event))).isEqualTo(event);
    }

    @Test
    void recordsCrossingOperatorsAreFlinkPojosNotKryoBlobs() {
        for (Class<?> type : new Class<?>[] {KafkaInput.class, RawEvent.class, DeadLetter.class}) {
            assertThat(TypeInformation.of(type)).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        }
    }

    private static int column(String name) {
        return RawEvents.SCHEMA.columns().indexOf(RawEvents.SCHEMA.findField(name));
    }
}
