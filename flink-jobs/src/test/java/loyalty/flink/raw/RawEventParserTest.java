package loyalty.flink.raw;

import static loyalty.flink.raw.TestEvents.INGESTED;
import static loyalty.flink.raw.TestEvents.JAN_5_NOON;
import static loyalty.flink.raw.TestEvents.at;
import static loyalty.flink.raw.TestEvents.bytes;
import static loyalty.flink.raw.TestEvents.order;
import static loyalty.flink.raw.TestEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.EventJson;
import loyalty.contract.validation.RejectReason;
import loyalty.flink.common.EventClock;
import loyalty.flink.common.KafkaInput;
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

    /** Judged against the time Kafka appended the record, so every job and every re-read judges it the same. */
    @Test
    void anEventDatedBeyondTheToleranceAfterItReachedKafkaIsFromTheFuture() {
        long appended = JAN_5_NOON.minus(Duration.ofMinutes(10)).toEpochMilli();
        EventClock clock = EventClock.everyEvent();
        byte[] order = bytes(order("pos-9", "bob@x.com", "1.00"));
        RawEventParser.Outcome future = RawEventParser.parse(
                new KafkaInput("loyalty.input.orders", 0, 3, order, appended), INGESTED, clock);
        assertThat(future).isInstanceOf(RawEventParser.Rejected.class);
        DeadLetter dead = ((RawEventParser.Rejected) future).deadLetter();
        assertThat(dead.reason()).isEqualTo(RejectReason.FUTURE_TIME);
        assertThat(dead.reason().code()).isEqualTo("future_time");
        assertThat(dead.detail()).contains("2026-01-05T12:00:00Z").contains("2026-01-05T11:50:00Z");

        assertThat(RawEventParser.parse(new KafkaInput("loyalty.input.orders", 0, 3, order, appended), INGESTED,
                clock.withFutureTolerance(Duration.ofMinutes(10)))).isInstanceOf(RawEventParser.Parsed.class);
        // no append time: the time it is read stands in
        assertThat(RawEventParser.parse(at("loyalty.input.orders", 0, 3, order), JAN_5_NOON.minus(Duration.ofHours(1)),
                clock)).isInstanceOf(RawEventParser.Rejected.class);
    }

    private static DeadLetter rejected(String value) {
        RawEventParser.Outcome outcome = RawEventParser.parse(at("loyalty.input.orders", 0, 7, utf8(value)), INGESTED);
        assertThat(outcome).as(value).isInstanceOf(RawEventParser.Rejected.class);
        return ((RawEventParser.Rejected) outcome).deadLetter();
    }
}
