package loyalty.identity.resolve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;

/** Terse event builders for resolution tests: times are minutes after 2026-01-01T00:00Z. */
final class TestEvents {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private TestEvents() {
    }

    static Identifiers ids(String email, String phone, String card, String crmId, String device) {
        return new Identifiers(email, phone, card, crmId, device);
    }

    static Identifiers email(String email) {
        return ids(email, null, null, null, null);
    }

    static Event event(String id, EventType type, int minute, Identifiers ids, String payloadJson) {
        try {
            ObjectNode payload = (ObjectNode) EventJson.mapper().readTree(payloadJson);
            return new Event(id, type.wireName(), "acme", T0.plusSeconds(60L * minute), "pos", ids, payload);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Event enrolled(String id, int minute, Identifiers ids) {
        return event(id, EventType.MEMBER_ENROLLED, minute, ids, "{}");
    }

    static Event order(String id, int minute, Identifiers ids) {
        return event(id, EventType.ORDER_COMPLETED, minute, ids,
                "{\"order_id\":\"O-" + id + "\",\"net_amount\":\"10.00\",\"currency\":\"USD\"}");
    }

    static Event profileUpdated(String id, int minute, Identifiers ids, String payloadJson) {
        return event(id, EventType.PROFILE_UPDATED, minute, ids, payloadJson);
    }
}
