package loyalty.cdc.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import loyalty.cdc.mapping.ChangeMapper;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.topic.Topics;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The SMT on records shaped as Debezium's PostgreSQL connector emits them (envelope, logical types). */
class CanonicalEventTransformTest {
    private static final Instant NOW = Instant.parse("2026-01-09T08:00:00Z");
    private static final Schema ZONED = SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").optional()
            .build();
    private static final Schema JSON = SchemaBuilder.string().name("io.debezium.data.Json").build();
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("table", Schema.STRING_SCHEMA).field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA).build();
    private static final Map<String, ?> PARTITION = Map.of("server", "shop");
    private static final Map<String, ?> OFFSET = Map.of("lsn", 777L);

    private final CanonicalEventTransform transform =
            new CanonicalEventTransform(new ChangeMapper(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void completedOrderBecomesACanonicalRecordOnTheOrdersTopic() {
        Schema row = SchemaBuilder.struct().name("shop.public.orders.Value")
                .field("order_id", Schema.STRING_SCHEMA).field("program", Schema.STRING_SCHEMA)
                .field("customer_crm_id", Schema.OPTIONAL_STRING_SCHEMA)
                .field("net_amount", Schema.STRING_SCHEMA).field("currency", Schema.STRING_SCHEMA)
                .field("channel", Schema.STRING_SCHEMA)
                .field("categories", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build())
                .field("status", Schema.STRING_SCHEMA).field("completed_at", ZONED).field("updated_at", ZONED)
                .build();
        Struct after = new Struct(row).put("order_id", "O1").put("program", "acme").put("customer_crm_id", "42")
                .put("net_amount", "120.50").put("currency", "USD").put("channel", "web")
                .put("categories", List.of("shoes")).put("status", "COMPLETED")
                .put("completed_at", "2026-01-05T12:00:00.000000Z").put("updated_at", "2026-01-05T12:00:00Z");

        SourceRecord out = transform.apply(change("orders", row, "c", null, after));

        assertThat(out.topic()).isEqualTo(Topics.ORDERS.name());
        assertThat(out.key()).isEqualTo("cdc:orders:O1:completed");
        assertThat(out.valueSchema()).isEqualTo(Schema.BYTES_SCHEMA);
        assertThat(out.sourceOffset()).isEqualTo(OFFSET);
        assertThat(header(out, CanonicalEventTransform.EVENT_TYPE_HEADER)).isEqualTo("order.completed");
        Event event = EventJson.readEvent((byte[]) out.value());
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-01-05T12:00:00Z"));
        assertThat(event.payload().get("net_amount").asText()).isEqualTo("120.50");
        assertThat(event.payload().get("categories").get(0).asText()).isEqualTo("shoes");
    }

    @Test
    void customerWithoutIdentifierBecomesADeadLetterWithTheOriginalChange() throws Exception {
        Schema row = SchemaBuilder.struct().name("shop.public.customers.Value")
                .field("crm_id", Schema.STRING_SCHEMA).field("program", Schema.STRING_SCHEMA)
                .field("email", Schema.OPTIONAL_STRING_SCHEMA)
                .field("birth_date", Date.builder().optional().build())
                .field("loyalty_enrolled", Schema.BOOLEAN_SCHEMA).field("updated_at", ZONED).build();
        Struct after = new Struct(row).put("crm_id", "").put("program", "acme").put("email", null)
                .put("birth_date", new java.util.Date(0)).put("loyalty_enrolled", false)
                .put("updated_at", "2026-01-05T12:00:00Z");

        SourceRecord out = transform.apply(change("customers", row, "c", null, after));

        assertThat(out.topic()).isEqualTo(Topics.DEAD_LETTER.name());
        assertThat(out.key()).isEqualTo("cdc:customers:123456");
        assertThat(header(out, DeadLetter.REASON)).isEqualTo("no_identifier");
        assertThat(header(out, DeadLetter.SOURCE)).isEqualTo("cdc:customers");
        assertThat(header(out, DeadLetter.POSITION)).isEqualTo("123456");
        assertThat(header(out, DeadLetter.RECEIVED_AT)).isEqualTo(NOW.toString());
        JsonNode original = EventJson.mapper().readTree((byte[]) out.value());
        assertThat(original.get("op").asText()).isEqualTo("c");
        assertThat(original.get("after").get("program").asText()).isEqualTo("acme");
    }

    @Test
    void unchangedToastedBodyIsTakenFromTheBeforeImage() {
        Schema row = SchemaBuilder.struct().name("shop.public.loyalty_rule_sets.Value")
                .field("program", Schema.STRING_SCHEMA).field("version", Schema.STRING_SCHEMA)
                .field("effective_from", ZONED).field("body", JSON).field("published_at", ZONED).build();
        Struct before = new Struct(row).put("program", "acme").put("version", "v2")
                .put("effective_from", "2026-02-01T00:00:00Z").put("body", "{\"version\": \"v2\"}")
                .put("published_at", "2026-01-01T00:00:00Z");
        Struct after = new Struct(row).put("program", "acme").put("version", "v2")
                .put("effective_from", "2026-03-01T00:00:00Z").put("body", ChangeRecords.UNAVAILABLE)
                .put("published_at", "2026-01-01T00:00:00Z");

        SourceRecord out = transform.apply(change("loyalty_rule_sets", row, "u", before, after));

        Event event = EventJson.readEvent((byte[]) out.value());
        assertThat(event.eventId()).isEqualTo("cdc:loyalty_rule_sets:acme:v2:123456");
        assertThat(event.payload().get("rule_set").get("version").asText()).isEqualTo("v2");
        assertThat(event.payload().get("effective_from").asText()).isEqualTo("2026-03-01T00:00:00Z");
    }

    @Test
    void deletesHeartbeatsAndTombstonesAreFilteredOut() {
        Schema row = SchemaBuilder.struct().name("shop.public.orders.Value")
                .field("order_id", Schema.STRING_SCHEMA).build();
        Struct before = new Struct(row).put("order_id", "O1");
        Schema heartbeat = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
                .field("ts_ms", Schema.INT64_SCHEMA).build();

        assertThat(transform.apply(change("orders", row, "d", before, null))).isNull();
        assertThat(transform.apply(new SourceRecord(PARTITION, OFFSET, "__debezium-heartbeat.shop", heartbeat,
                new Struct(heartbeat).put("ts_ms", 1L)))).isNull();
        assertThat(transform.apply(new SourceRecord(PARTITION, OFFSET, "shop.public.orders", null, null))).isNull();
    }

    private static SourceRecord change(String table, Schema row, String op, Struct before, Struct after) {
        Schema envelope = SchemaBuilder.struct().name("shop.public." + table + ".Envelope")
                .field("before", optional(row)).field("after", optional(row))
                .field("source", SOURCE).field("op", Schema.STRING_SCHEMA).build();
        Struct value = new Struct(envelope).put("before", before == null ? null : copy(before, envelope, "before"))
                .put("after", after == null ? null : copy(after, envelope, "after"))
                .put("source", new Struct(SOURCE).put("table", table).put("lsn", 123456L)
                        .put("ts_ms", NOW.toEpochMilli()))
                .put("op", op);
        return new SourceRecord(PARTITION, OFFSET, "shop.public." + table, null, null, envelope, value);
    }

    /** Debezium's before/after fields are optional structs; re-home the row into that schema. */
    private static Struct copy(Struct row, Schema envelope, String field) {
        Struct out = new Struct(envelope.field(field).schema());
        row.schema().fields().forEach(f -> out.put(f.name(), row.get(f)));
        return out;
    }

    private static Schema optional(Schema row) {
        SchemaBuilder b = SchemaBuilder.struct().name(row.name()).optional();
        row.fields().forEach(f -> b.field(f.name(), f.schema()));
        return b.build();
    }

    private static String header(SourceRecord record, String key) {
        Header h = record.headers().lastWithName(key);
        return h == null ? null : (String) h.value();
    }
}
