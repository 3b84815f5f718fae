package loyalty.contract.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * The SPEC §2 envelope. The payload stays a JSON tree so that the envelope can carry every type; typed views
 * come from {@link #payloadAs(Class)}. Instances are only made from validated input or by trusted code.
 */
public record Event(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("type") String type,
        @JsonProperty("program") String program,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("source") String source,
        @JsonProperty("identifiers") Identifiers identifiers,
        @JsonProperty("payload") ObjectNode payload) {

    public Event {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(occurredAt, "occurred_at");
        identifiers = identifiers == null ? Identifiers.NONE : identifiers;
        payload = payload == null ? EventJson.mapper().createObjectNode() : payload;
    }

    @JsonIgnore
    public EventType eventType() {
        return EventType.fromWireName(type).orElseThrow(() -> new IllegalStateException("unknown type " + type));
    }

    public <T> T payloadAs(Class<T> payloadType) {
        return EventJson.mapper().convertValue(payload, payloadType);
    }

    public static Event of(String eventId, EventType type, String program, Instant occurredAt, String source,
                           Identifiers identifiers, Object payload) {
        JsonNode tree = EventJson.mapper().valueToTree(payload);
        return new Event(eventId, type.wireName(), program, occurredAt, source, identifiers, (ObjectNode) tree);
    }
}
