package loyalty.ledger.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.flipkart.zjsonpatch.JsonPatch;
import java.time.Instant;
import loyalty.contract.event.EventJson;
import org.junit.jupiter.api.Test;

class RuleSetDiffTest {
    private static RuleSet parse(String json) throws Exception {
        RuleSets.Parsed parsed = RuleSets.parse(EventJson.mapper().readTree(json),
                Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(parsed).isInstanceOf(RuleSets.Parsed.Valid.class);
        return ((RuleSets.Parsed.Valid) parsed).rules();
    }

    @Test
    void aChangedRateIsOneReplaceThatKeepsTheValueItReplaced() throws Exception {
        RuleSet v1 = parse("{\"version\":\"1\",\"base_rate\":\"1\"}");
        RuleSet v2 = parse("{\"version\":\"2\",\"base_rate\":\"3\"}");

        ArrayNode diff = RuleSetDiff.between(v1, v2);

        assertThat(diff).extracting(op -> op.path("op").asText() + " " + op.path("path").asText())
                .containsExactlyInAnyOrder("replace /version", "replace /base_rate");
        JsonNode version = at(diff, "/version");
        assertThat(version.path("fromValue").asText() + "->" + version.path("value").asText()).isEqualTo("1->2");
        JsonNode rate = at(diff, "/base_rate");
        assertThat(rate.path("op").asText()).isEqualTo("replace");
        assertThat(new java.math.BigDecimal(rate.path("value").asText())).isEqualByComparingTo("3");
        assertThat(new java.math.BigDecimal(rate.path("fromValue").asText())).isEqualByComparingTo("1");
    }

    private static JsonNode at(ArrayNode diff, String path) {
        for (JsonNode op : diff) {
            if (op.path("path").asText().equals(path)) {
                return op;
            }
        }
        throw new AssertionError("no operation on " + path + " in " + diff);
    }

    @Test
    void thePatchTurnsThePreviousRuleSetIntoTheNextOne() throws Exception {
        RuleSet v1 = parse("{\"version\":\"1\",\"tiers\":[{\"name\":\"MEMBER\",\"qualifying_spend\":\"0\","
                + "\"multiplier\":\"1\"},{\"name\":\"GOLD\",\"qualifying_spend\":\"500\",\"multiplier\":\"2\"}]}");
        RuleSet v2 = parse("{\"version\":\"2\",\"expiry_days\":30,\"tiers\":[{\"name\":\"MEMBER\","
                + "\"qualifying_spend\":\"0\",\"multiplier\":\"1\"}]}");
        JsonNode before = EventJson.mapper().valueToTree(v1);
        JsonNode after = EventJson.mapper().valueToTree(v2);

        ArrayNode diff = RuleSetDiff.between(v1, v2);

        assertThat(JsonPatch.apply(diff, before)).isEqualTo(after);
        assertThat(diff).extracting(op -> op.path("op").asText() + " " + op.path("path").asText())
                .contains("remove /tiers/1", "replace /expiry_days", "replace /version")
                .noneMatch(op -> op.startsWith("move") || op.startsWith("copy"));
        // an auditor sees what was removed, not only where
        assertThat(diff).filteredOn(op -> op.path("op").asText().equals("remove")).singleElement()
                .satisfies(op -> assertThat(op.path("value").path("name").asText()).isEqualTo("GOLD"));
    }

    @Test
    void aProgramsFirstRuleSetIsEveryKeyAdded() throws Exception {
        RuleSet v1 = parse("{\"version\":\"1\"}");

        ArrayNode diff = RuleSetDiff.between(null, v1);

        assertThat(diff).allSatisfy(op -> assertThat(op.path("op").asText()).isEqualTo("add"));
        assertThat(JsonPatch.apply(diff, EventJson.mapper().createObjectNode()))
                .isEqualTo(EventJson.mapper().valueToTree(v1));
    }

    @Test
    void republishingTheSameRulesChangesNothing() throws Exception {
        assertThat(RuleSetDiff.between(parse("{\"version\":\"1\"}"), parse("{\"version\":\"1\"}"))).isEmpty();
    }
}
