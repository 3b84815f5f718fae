package loyalty.nudge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import loyalty.contract.event.EventJson;
import loyalty.ledger.rules.RuleSet;
import loyalty.ledger.rules.RuleSets;
import org.junit.jupiter.api.Test;

/** The rule set's {@code nudges} key: SPEC §10 defaults, key-by-key completion (§13.18) and validation (§9). */
class NudgeSettingsTest {

    @Test
    void theDefaultsAreTheSpecs() {
        NudgeSettings n = RuleSets.defaults().nudges();

        assertThat(n.holdoutShare()).isEqualByComparingTo("0.10");
        assertThat(n.frequencyCap()).isEqualTo(new NudgeSettings.FrequencyCap(3, 7));
        assertThat(n.channels()).containsExactly("push", "email", "sms");
        assertThat(n.nearTierShare()).isEqualByComparingTo("0.10");
        assertThat(n.nearTierRepeatDays()).isEqualTo(30);
        assertThat(n.expiryReminderDays()).isEqualTo(30);
        assertThat(n.expiryReminderMinPoints()).isEqualTo(50);
        assertThat(n.lapseDays()).isEqualTo(60);
        assertThat(n.churnScore()).isEqualByComparingTo("0.7");
        assertThat(n.churnRepeatDays()).isEqualTo(30);
        assertThat(n.rewardThresholds()).containsExactly(500L, 1000L, 2500L);
    }

    @Test
    void aPublishedRuleSetChangesOnlyTheKeysItNames() {
        RuleSet rs = valid("{\"version\":\"2\",\"nudges\":{\"frequency_cap\":{\"max\":5},\"channels\":[\"sms\"]}}");

        assertThat(rs.nudges().frequencyCap()).isEqualTo(new NudgeSettings.FrequencyCap(5, 7));
        assertThat(rs.nudges().channels()).containsExactly("sms");
        assertThat(rs.nudges().holdoutShare()).isEqualByComparingTo(new BigDecimal("0.10"));
        assertThat(rs.nudges().rewardThresholds()).containsExactly(500L, 1000L, 2500L);
    }

    @Test
    void invalidSettingsAreRejected() {
        for (String nudges : new String[] {
                "{\"holdout_share\":\"1.5\"}", "{\"channels\":[\"fax\"]}", "{\"lapse_days\":0}",
                "{\"frequency_cap\":{\"max\":3,\"window\":7}}", "{\"reward_thresholds\":[500,500]}",
                "{\"churn_scor\":\"0.7\"}"}) {
            RuleSets.Parsed parsed = RuleSets.parse(json("{\"version\":\"2\",\"nudges\":" + nudges + "}"));
            assertThat(parsed).as(nudges).isInstanceOf(RuleSets.Parsed.Invalid.class);
        }
    }

    private static RuleSet valid(String text) {
        RuleSets.Parsed parsed = RuleSets.parse(json(text));
        assertThat(parsed).isInstanceOf(RuleSets.Parsed.Valid.class);
        return ((RuleSets.Parsed.Valid) parsed).rules();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
