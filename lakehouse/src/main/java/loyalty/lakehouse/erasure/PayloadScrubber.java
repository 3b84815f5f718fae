package loyalty.lakehouse.erasure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Removes personal data from a raw event's payload JSON. On the erased member's own events the personal keys of the
 * payload's top level go (names, birth date, contact data, address); on every event, any string value that contains
 * one of the erased identifiers goes, wherever it sits (a referral naming the erased member as referrer, say).
 * Everything else (amounts, SKUs, store, consents, timestamps) stays, so a replay computes the same points.
 */
final class PayloadScrubber {
    /** Top-level payload keys holding the member's own personal data (SPEC §2 payloads, plus common address keys). */
    static final Set<String> PERSONAL_KEYS = Set.of("first_name", "last_name", "full_name", "name", "birth_date",
            "email", "phone", "address", "street", "city", "postal_code", "zip", "gender");

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<String> erasedLowerCase;

    PayloadScrubber(Set<String> erasedValues) {
        this.erasedLowerCase = erasedValues.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    /** @return the scrubbed payload, or the payload itself when nothing had to go (or it is not JSON, see below) */
    String scrub(String payload, boolean ownEvent) {
        if (payload == null) {
            return null;
        }
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (JsonProcessingException notJson) {
            // raw.events only holds payloads that passed schema validation, so this is a defect elsewhere; a text
            // that mentions an erased identifier is dropped whole rather than kept.
            return mentionsErased(payload) ? null : payload;
        }
        boolean changed = false;
        if (ownEvent && root instanceof ObjectNode object) {
            int before = object.size();
            object.remove(PERSONAL_KEYS);
            changed = object.size() != before;
        }
        changed |= dropMentions(root);
        return changed ? root.toString() : payload;
    }

    boolean mentionsErased(String text) {
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return erasedLowerCase.stream().anyMatch(lower::contains);
    }

    private boolean dropMentions(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                JsonNode value = fields.next().getValue();
                if (value.isTextual() && mentionsErased(value.asText())) {
                    fields.remove();
                    changed = true;
                } else {
                    changed |= dropMentions(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                JsonNode value = array.get(i);
                if (value.isTextual() && mentionsErased(value.asText())) {
                    array.remove(i);
                    changed = true;
                } else {
                    changed |= dropMentions(value);
                }
            }
        }
        return changed;
    }
}
