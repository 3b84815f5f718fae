package loyalty.flink.raw;

import static loyalty.flink.raw.TestEvents.INGESTED;
import static loyalty.flink.raw.TestEvents.JAN_5_NOON;
import static loyalty.flink.raw.TestEvents.at;
import static loyalty.flink.raw.TestEvents.bytes;
import static loyalty.flink.raw.TestEvents.order;
import static loyalty.flink.raw.TestEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.EventJson;
import loyalty.contract.validation.RejectReason;
import org.junit.jupiter.api.Test;

class RawEventParserTest {

    @Test
    void anEventKeepsItsEnvelopePayloadAndKafkaPosition() throws Exception {
        RawEventParser.Outcome outcome =
                RawEventParser.parse(at("loyalty.input.orders", 1, 42, bytes(order("pos-1", "Bob@X.com", "120.50"))),
                        INGESTED);

        assertThat(outcome).isInstanceOf(RawEventParser.Parsed.class);
        RawEvent event = ((RawEventParser.Parsed) outcome).event();
        assertThat(event.eventId()).isEqualTo("pos-1");
        assertThat(event.type()).isEqualTo("order.completed");
        assertThat(event.program()).isEqualTo("acme");
        assertThat(event.occurredAt()).isEqualTo(JAN_5_NOON);
        assertThat(event.identifiers().email()).isEqualTo("Bob@X.com"); // raw: normalising is not this job's work
        assertThat(event.ingestedAt()).isEqualTo(INGESTED);
        assertThat(event.kafkaPosition()).isEqualTo("loyalty.input.orders:1/42");
        // the amount stays an exact decimal string
        assertThat(EventJson.mapper().readTree(event.payloadJson()).get("net_amount").isTextual()).isTrue();
        assertThat(event.payloadJson()).contains("\"net_amount\":\"120.50\"");
    }

    @Test
    void brokenJsonIsADeadLetterWithTheOriginalBytesAndItsPosition() {
        DeadLetter dead = rejected("{\"event_id\": \"pos-1\", ");

        assertThat(dead.reason()).isEqualTo(RejectReason.INVALID_JSON);
        assertThat(dead.original()).isEqualTo(utf8("{\"event_id\": \"pos-1\", "));
        assertThat(dead.source()).isEqualTo("kafka:loyalty.input.orders");
        assertThat(dead.position()).isEqualTo("0/7");
        assertThat(dead.receivedAt()).isEqualTo(INGESTED);
        assertThat(dead.detail()).isNotBlank();
    }

    @Test
    void eachKindOfUnusableRecordGetsItsOwnReason() {
        assertThat(rejected("").reason()).isEqualTo(RejectReason.INVALID_JSON);
        assertThat(rejected("[1, 2]").reason()).isEqualTo(RejectReason.NOT_AN_OBJECT);
        assertThat(rejected("null").reason()).isEqualTo(RejectReason.NOT_AN_OBJECT);
        assertThat(rejected("{\"type\": \"order.completed\", \"program\": \"acme\","
                + " \"occurred_at\": \"2026-01-05T12:00:00Z\"}").reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(rejected("{\"event_id\": \"e\", \"type\": \"order.completed\", \"program\": \"acme\","
                + " \"occurred_at\": \"yesterday\"}").reason()).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(rejected("{\"event_id\": \"e\", \"type\": \"order.completed\", \"program\": \"acme\","
                + " \"occurred_at\": \"2026-01-05T12:00:00Z\", \"payload\": [1]}").reason())
                .isEqualTo(RejectReason.WRONG_TYPE);
        assertThat(rejected("{\"event_id\": \"e\", \"type\": \"order.teleported\", \"program\": \"acme\","
                + " \"occurred_at\": \"2026-01-05T12:00:00Z\"}").reason()).isEqualTo(RejectReason.UNKNOWN_TYPE);
    }

    private static DeadLetter rejected(String value) {
        RawEventParser.Outcome outcome = RawEventParser.parse(at("loyalty.input.orders", 0, 7, utf8(value)), INGESTED);
        assertThat(outcome).as(value).isInstanceOf(RawEventParser.Rejected.class);
        return ((RawEventParser.Rejected) outcome).deadLetter();
    }
}
