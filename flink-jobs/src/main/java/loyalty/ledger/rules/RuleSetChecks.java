package loyalty.ledger.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a rule set that its JSON Schema cannot express. Every method expects input that already passed the
 * schema, and returns every problem found rather than the first.
 */
final class RuleSetChecks {
    private static final List<String> ENGAGEMENT_KEYS = List.of("points", "max", "per");

    private RuleSetChecks() {
    }

    /** Checks of the rule set as published, before defaults fill it. */
    static List<String> published(JsonNode ruleSet) {
        List<String> errors = new ArrayList<>();
        instant(ruleSet, "effective_from", "$.effective_from", errors);
        if (ruleSet.has("tiers")) {
            tiers(ruleSet.get("tiers"), errors);
        }
        if (ruleSet.has("campaigns")) {
            campaigns(ruleSet.get("campaigns"), errors);
        }
        return errors;
    }

    /**
     * Checks of the rule set once defaults filled it: an engagement kind the defaults do not know must bring all of
     * its settings.
     */
    static List<String> merged(JsonNode ruleSet) {
        List<String> errors = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> kinds = ruleSet.path("bonuses").path("engagement").fields();
        while (kinds.hasNext()) {
            Map.Entry<String, JsonNode> kind = kinds.next();
            for (String key : ENGAGEMENT_KEYS) {
                if (!kind.getValue().hasNonNull(key)) {
                    errors.add("$.bonuses.engagement." + kind.getKey() + ": missing " + key
                            + " (a kind the default rule set lacks needs points, max and per)");
                }
            }
        }
        return errors;
    }

    /** Qualifying spend from 0, strictly increasing, so that {@link RuleSet#tierFor} is well defined. */
    private static void tiers(JsonNode tiers, List<String> errors) {
        Set<String> names = new HashSet<>();
        BigDecimal previous = null;
        for (int i = 0; i < tiers.size(); i++) {
            JsonNode tier = tiers.get(i);
            String name = tier.get("name").asText();
            if (!names.add(name)) {
                errors.add("$.tiers[" + i + "]: duplicate tier name " + name);
            }
            BigDecimal spend = decimal(tier.get("qualifying_spend"));
            if (i == 0 && spend.signum() != 0) {
                errors.add("$.tiers[0]: the lowest tier " + name + " must have qualifying_spend 0, has "
                        + spend.toPlainString());
            }
            if (previous != null && spend.compareTo(previous) <= 0) {
                errors.add("$.tiers[" + i + "]: qualifying_spend " + spend.toPlainString() + " of " + name
                        + " must be greater than the previous tier's " + previous.toPlainString());
            }
            previous = spend;
        }
    }

    private static void campaigns(JsonNode campaigns, List<String> errors) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < campaigns.size(); i++) {
            JsonNode campaign = campaigns.get(i);
            String id = campaign.get("id").asText();
            String where = "$.campaigns[" + i + "] (" + id + ")";
            if (!ids.add(id)) {
                errors.add(where + ": duplicate campaign id " + id);
            }
            boolean multiplier = campaign.has("multiplier");
            boolean bonus = campaign.has("bonus");
            if (multiplier == bonus) {
                errors.add(where + ": needs exactly one of multiplier or bonus, has "
                        + (multiplier ? "both" : "neither"));
            }
            if (multiplier && decimal(campaign.get("multiplier")).compareTo(BigDecimal.ONE) < 0) {
                errors.add(where + ": multiplier must be at least 1, is "
                        + decimal(campaign.get("multiplier")).toPlainString());
            }
            Instant from = instant(campaign, "valid_from", "$.campaigns[" + i + "].valid_from", errors);
            Instant to = instant(campaign, "valid_to", "$.campaigns[" + i + "].valid_to", errors);
            if (from != null && to != null && !to.isAfter(from)) {
                errors.add(where + ": valid_to " + to + " must be after valid_from " + from);
            }
            CampaignConditions.compileError(campaign.get("condition").asText())
                    .ifPresent(e -> errors.add(where + ": condition " + e));
        }
    }

    /** The instant at {@code key} if present; the schema checked its shape, this checks the date exists. */
    private static Instant instant(JsonNode node, String key, String where, List<String> errors) {
        if (!node.has(key)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.get(key).asText()).toInstant();
        } catch (DateTimeException e) {
            errors.add(where + ": " + e.getMessage());
            return null;
        }
    }

    /** A schema-valid decimal: a string of digits or a JSON number. */
    static BigDecimal decimal(JsonNode value) {
        return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText());
    }
}
