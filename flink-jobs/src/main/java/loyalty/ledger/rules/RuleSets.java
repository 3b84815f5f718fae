package loyalty.ledger.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import loyalty.contract.event.EventJson;

/**
 * Reading rule sets (SPEC §9, §13.18): the default one, and a published one validated against
 * {@value RuleSetSchema#RESOURCE} and the checks a schema cannot make, then completed from the default.
 */
public final class RuleSets {
    /** The SPEC defaults; a copy of the generator's default rule set, which flink-jobs must not depend on. */
    public static final String DEFAULT_RESOURCE = "/loyalty/ledger/default-rule-set.json";

    private static final ObjectNode DEFAULT_JSON = load();
    private static final RuleSet DEFAULTS = readDefaults();

    private RuleSets() {
    }

    /** A published rule set read: either usable rules or every reason it was rejected. */
    public sealed interface Parsed {
        record Valid(RuleSet rules) implements Parsed {
        }

        record Invalid(List<String> errors) implements Parsed {
            public Invalid {
                errors = List.copyOf(errors);
            }
        }
    }

    /** The rules of a program that has published none: version {@code default}, in force since the epoch. */
    public static RuleSet defaults() {
        return DEFAULTS;
    }

    /** The default rule set as JSON, a fresh copy, e.g. as the base of a candidate rule set. */
    public static ObjectNode defaultsJson() {
        return DEFAULT_JSON.deepCopy();
    }

    public static Parsed parse(JsonNode ruleSet) {
        return parse(ruleSet, null);
    }

    /**
     * Validates {@code ruleSet} and fills each missing key from the default rule set, nested objects key by key;
     * arrays (tiers, campaigns) are replaced whole.
     *
     * @param effectiveFromOverride the {@code effective_from} that {@code rules.published} carries beside the rule
     *                              set; it wins over the rule set's own when not null
     */
    public static Parsed parse(JsonNode ruleSet, Instant effectiveFromOverride) {
        if (ruleSet == null || !ruleSet.isObject()) {
            return new Parsed.Invalid(List.of("$: a rule set must be a JSON object, got "
                    + (ruleSet == null ? "nothing" : ruleSet.getNodeType())));
        }
        // Later steps assume the shapes the schema guarantees, so each step runs only when the previous passed.
        List<String> errors = RuleSetSchema.violations(ruleSet);
        if (errors.isEmpty()) {
            errors = RuleSetChecks.published(ruleSet);
        }
        if (!errors.isEmpty()) {
            return new Parsed.Invalid(errors);
        }
        ObjectNode merged = DEFAULT_JSON.deepCopy();
        merge(merged, (ObjectNode) ruleSet);
        if (effectiveFromOverride != null) {
            merged.put("effective_from", effectiveFromOverride.toString());
        }
        errors = RuleSetChecks.merged(merged);
        if (!errors.isEmpty()) {
            return new Parsed.Invalid(errors);
        }
        try {
            return new Parsed.Valid(bind(merged));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new Parsed.Invalid(List.of("$: cannot read the rule set: " + e.getMessage()));
        }
    }

    /** SPEC §13.18, missing keys take the defaults: objects merge key by key, anything else is replaced. */
    private static void merge(ObjectNode base, ObjectNode published) {
        Iterator<Map.Entry<String, JsonNode>> fields = published.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode current = base.get(field.getKey());
            if (current instanceof ObjectNode currentObject && field.getValue() instanceof ObjectNode update) {
                merge(currentObject, update);
            } else {
                base.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    private static RuleSet bind(ObjectNode merged) throws JsonProcessingException {
        // Offsets other than Z are valid input; as UTC instants they bind whatever the mapper's settings.
        utc(merged, "effective_from");
        for (JsonNode campaign : merged.path("campaigns")) {
            utc((ObjectNode) campaign, "valid_from");
            utc((ObjectNode) campaign, "valid_to");
        }
        return frozen(EventJson.mapper().treeToValue(merged, RuleSet.class));
    }

    private static void utc(ObjectNode node, String key) {
        if (node.hasNonNull(key)) {
            node.put(key, OffsetDateTime.parse(node.get(key).asText()).toInstant().toString());
        }
    }

    /** The same rules with unmodifiable collections, so that a rule set shared by many members stays as read. */
    static RuleSet frozen(RuleSet r) {
        RuleSet.Bonuses b = r.bonuses();
        RuleSet.Bonuses bonuses = b == null ? null : new RuleSet.Bonuses(b.welcome(), b.birthday(), b.referral(),
                b.engagement() == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.engagement())));
        return new RuleSet(r.program(), r.version(), r.effectiveFrom(), r.currency(), r.defaultRegion(),
                r.baseRate(), r.tiers() == null ? List.of() : List.copyOf(r.tiers()), r.tierWindowDays(),
                r.pendingDays(), r.expiryDays(), r.caps(), bonuses,
                r.campaigns() == null ? List.of() : List.copyOf(r.campaigns()), r.costPerPoint(), r.nudges());
    }

    private static ObjectNode load() {
        try (InputStream in = RuleSets.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + DEFAULT_RESOURCE);
            }
            return (ObjectNode) EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default goes through the same checks as any published rule set: a broken default fails at once. */
    private static RuleSet readDefaults() {
        List<String> errors = RuleSetSchema.violations(DEFAULT_JSON);
        if (errors.isEmpty()) {
            errors = RuleSetChecks.published(DEFAULT_JSON);
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException(DEFAULT_RESOURCE + " is not a valid rule set: " + errors);
        }
        try {
            return bind(DEFAULT_JSON.deepCopy());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(DEFAULT_RESOURCE + " cannot be read: " + e.getMessage(), e);
        }
    }
}
