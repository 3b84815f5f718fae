package loyalty.contract.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;

/**
 * Checks raw input against the contract: size, JSON syntax, the envelope schema, the payload schema of its type,
 * the values a schema cannot express (real calendar dates), and the identifier rule. Thread-safe.
 */
public final class EventValidator {
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;

    private final int maxBytes;
    private final JsonSchema envelope;
    private final Map<EventType, JsonSchema> payloads = new EnumMap<>(EventType.class);

    public EventValidator() {
        this(DEFAULT_MAX_BYTES);
    }

    public EventValidator(int maxBytes) {
        this.maxBytes = maxBytes;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        this.envelope = load(factory, "/loyalty/contract/schemas/envelope.schema.json");
        for (EventType type : EventType.values()) {
            payloads.put(type, load(factory, type.payloadSchemaResource()));
        }
    }

    public Validation validate(byte[] raw) {
        if (raw.length > maxBytes) {
            return Validation.rejected(RejectReason.OVERSIZE, raw.length + " bytes > limit " + maxBytes);
        }
        JsonNode tree;
        try {
            tree = EventJson.mapper().readTree(raw);
        } catch (JsonProcessingException e) {
            return Validation.rejected(RejectReason.INVALID_JSON, e.getOriginalMessage());
        } catch (IOException e) {
            return Validation.rejected(RejectReason.INVALID_JSON, e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            return Validation.rejected(RejectReason.NOT_AN_OBJECT,
                    "expected a JSON object, got " + (tree == null ? "nothing" : tree.getNodeType()));
        }
        Validation envelopeProblem = firstProblem(envelope.validate(tree), "");
        if (envelopeProblem != null) {
            return envelopeProblem;
        }
        EventType type = EventType.fromWireName(tree.get("type").asText()).orElseThrow();
        JsonNode payload = tree.has("payload") ? tree.get("payload") : EventJson.mapper().createObjectNode();
        Validation payloadProblem = firstProblem(payloads.get(type).validate(payload), "payload");
        if (payloadProblem != null) {
            return payloadProblem;
        }
        Validation valueProblem = checkValues(tree, payload);
        if (valueProblem != null) {
            return valueProblem;
        }
        Event event = toEvent((ObjectNode) tree);
        if (type.needsIdentifier() && event.identifiers().isEmpty()) {
            return Validation.rejected(RejectReason.NO_IDENTIFIER, type + " carries no identifier");
        }
        return new Validation.Accepted(event);
    }

    public Validation validate(String raw) {
        return validate(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Dates that match the pattern but do not exist (2026-02-30) or offsets out of range. */
    private static Validation checkValues(JsonNode tree, JsonNode payload) {
        try {
            OffsetDateTime.parse(tree.get("occurred_at").asText());
        } catch (DateTimeException e) {
            return Validation.rejected(RejectReason.INVALID_VALUE, "occurred_at: " + e.getMessage());
        }
        JsonNode birthDate = payload.get("birth_date");
        if (birthDate != null) {
            try {
                LocalDate.parse(birthDate.asText());
            } catch (DateTimeException e) {
                return Validation.rejected(RejectReason.INVALID_VALUE, "payload.birth_date: " + e.getMessage());
            }
        }
        JsonNode effectiveFrom = payload.get("effective_from");
        if (effectiveFrom != null) {
            try {
                OffsetDateTime.parse(effectiveFrom.asText());
            } catch (DateTimeException e) {
                return Validation.rejected(RejectReason.INVALID_VALUE, "payload.effective_from: " + e.getMessage());
            }
        }
        return null;
    }

    private static Event toEvent(ObjectNode tree) {
        // Offsets other than Z are accepted on input and normalised to UTC instants here.
        tree.put("occurred_at", OffsetDateTime.parse(tree.get("occurred_at").asText()).toInstant().toString());
        return EventJson.mapper().convertValue(tree, Event.class);
    }

    /** Reports one problem, deterministically: the most telling kind first, then by location. */
    private static Validation firstProblem(Set<ValidationMessage> messages, String prefix) {
        return messages.stream()
                .map(m -> new Problem(reasonOf(m, prefix), location(m), (prefix.isEmpty() ? "" : prefix + " ") + m.getMessage()))
                .min(Comparator.comparing((Problem p) -> p.reason.ordinal()).thenComparing(p -> p.location))
                .map(p -> Validation.rejected(p.reason, p.message))
                .orElse(null);
    }

    private static RejectReason reasonOf(ValidationMessage m, String prefix) {
        return switch (m.getType()) {
            case "required" -> RejectReason.MISSING_FIELD;
            case "type" -> RejectReason.WRONG_TYPE;
            case "enum" -> prefix.isEmpty() && location(m).equals("$.type")
                    ? RejectReason.UNKNOWN_TYPE : RejectReason.INVALID_VALUE;
            default -> RejectReason.INVALID_VALUE;
        };
    }

    private static String location(ValidationMessage m) {
        return m.getInstanceLocation() == null ? "$" : m.getInstanceLocation().toString();
    }

    private static JsonSchema load(JsonSchemaFactory factory, String resource) {
        try (InputStream in = EventValidator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + resource);
            }
            return factory.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Problem(RejectReason reason, String location, String message) {
    }
}
