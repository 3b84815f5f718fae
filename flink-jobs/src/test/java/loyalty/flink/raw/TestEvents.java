package loyalty.flink.raw;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import loyalty.contract.event.EngagementRecorded;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.event.MemberEnrolled;
import loyalty.contract.event.OrderCompleted;
import loyalty.flink.common.KafkaInput;

/** Named times and event factories, so tests read like the scenario they play. */
final class TestEvents {
    static final Instant JAN_5_NOON = Instant.parse("2026-01-05T12:00:00Z");
    static final Instant INGESTED = Instant.parse("2026-01-05T12:00:03Z");
    static final String PROGRAM = "acme";

    private TestEvents() {
    }

    static Event order(String eventId, String email, String amount) {
        return Event.of(eventId, EventType.ORDER_COMPLETED, PROGRAM, JAN_5_NOON, "pos",
                new Identifiers(email, null, null, null, null),
                new OrderCompleted("O-" + eventId, new BigDecimal(amount), "USD", "store", List.of("shoes")));
    }

    static Event enrollment(String eventId, String card) {
        return Event.of(eventId, EventType.MEMBER_ENROLLED, PROGRAM, JAN_5_NOON.minusSeconds(86_400), "crm",
                new Identifiers(null, null, card, null, "d-" + card), new MemberEnrolled("Ann", "Lee", null, "US",
                        null, null));
    }

    static Event review(String eventId, String crmId) {
        return Event.of(eventId, EventType.ENGAGEMENT_RECORDED, PROGRAM, JAN_5_NOON.plusSeconds(60), "app",
                new Identifiers(null, null, null, crmId, null), new EngagementRecorded("review"));
    }

    static byte[] bytes(Event event) {
        return EventJson.toBytes(event);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static KafkaInput at(String topic, int partition, long offset, byte[] value) {
        return new KafkaInput(topic, partition, offset, value);
    }

    static RawEvent raw(String eventId, long offset) {
        RawEventParser.Outcome outcome = RawEventParser.parse(
                at("loyalty.input.orders", 0, offset, bytes(order(eventId, "bob@x.com", "12.50"))), INGESTED);
        return ((RawEventParser.Parsed) outcome).event();
    }
}
