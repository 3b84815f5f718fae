package loyalty.ledger.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/**
 * The JSON Schema of a published rule set ({@value #RESOURCE}), checked with the same validator and draft as the
 * event contract. Thread-safe.
 */
final class RuleSetSchema {
    static final String RESOURCE = "/loyalty/ledger/rule-set.schema.json";

    private static final JsonSchema SCHEMA = load();

    private RuleSetSchema() {
    }

    /** Every violation as {@code "$.path: message"}, ordered by location so the same input gives the same list. */
    static List<String> violations(JsonNode ruleSet) {
        return SCHEMA.validate(ruleSet).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> String.valueOf(m.getInstanceLocation()))
                        .thenComparing(ValidationMessage::getMessage))
                .map(ValidationMessage::getMessage)
                .distinct()
                .toList();
    }

    private static JsonSchema load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        try (InputStream in = RuleSetSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + RESOURCE);
            }
            return factory.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
