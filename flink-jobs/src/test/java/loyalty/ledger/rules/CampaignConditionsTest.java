package loyalty.ledger.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import loyalty.generator.rules.DefaultRuleSet;
import org.junit.jupiter.api.Test;

class CampaignConditionsTest {
    private static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant CAMPAIGNS_START = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant DURING = Instant.parse("2026-02-14T12:00:00Z");
    private static final Instant CAMPAIGNS_END = Instant.parse("2026-03-01T00:00:00Z");

    /** Version 2 of the generator's rules: app orders with shoes double, web orders with outdoor gear +100. */
    private static final RuleSet REVISION = ((RuleSets.Parsed.Valid) RuleSets.parse(
            DefaultRuleSet.revision(DefaultRuleSet.first("acme", JAN_1), CAMPAIGNS_START, CAMPAIGNS_END), null))
            .rules();

    private final CampaignConditions conditions = new CampaignConditions();

    @Test
    void anAppOrderWithShoesGetsTheDoublePointsCampaign() {
        assertThat(ids(conditions.matching(REVISION, DURING, order("app", "shoes", "socks"), member())))
                .containsExactly("app-shoes-double");
    }

    @Test
    void aWebOrderWithOutdoorGearGetsTheBonusCampaign() {
        assertThat(ids(conditions.matching(REVISION, DURING, order("web", "outdoor"), member())))
                .containsExactly("web-outdoor-bonus");
    }

    @Test
    void ordersMissingEitherHalfOfAConditionMatchNothing() {
        assertThat(conditions.matching(REVISION, DURING, order("app", "outdoor"), member())).isEmpty();
        assertThat(conditions.matching(REVISION, DURING, order("web", "shoes"), member())).isEmpty();
        assertThat(conditions.matching(REVISION, DURING, order("store", "shoes", "outdoor"), member())).isEmpty();
        assertThat(conditions.matching(REVISION, DURING, order("app"), member())).isEmpty();
        assertThat(conditions.problems()).isZero();
    }

    @Test
    void outsideItsValidityACampaignDoesNotApply() {
        Map<String, Object> appShoes = order("app", "shoes");

        assertThat(conditions.matching(REVISION, CAMPAIGNS_START.minusSeconds(1), appShoes, member())).isEmpty();
        assertThat(ids(conditions.matching(REVISION, CAMPAIGNS_START, appShoes, member())))
                .containsExactly("app-shoes-double");
        assertThat(conditions.matching(REVISION, CAMPAIGNS_END, appShoes, member())).isEmpty();
    }

    @Test
    void anEvaluationErrorIsNoMatchWithAReason() {
        RuleSet.Campaign thirdCategory = campaign("third-is-shoes", "order.categories[2] == 'shoes'");

        CampaignConditions.Evaluation e = conditions.evaluate(thirdCategory, order("app", "shoes"), member());

        assertThat(e.matched()).isFalse();
        assertThat(e.problem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("campaign third-is-shoes: ").contains("Index out of bounds"));
        assertThat(conditions.problems()).isEqualTo(1);
    }

    @Test
    void aMissingFieldIsNoMatchWithAReason() {
        Map<String, Object> noChannel = order("app", "shoes");
        noChannel.remove("channel");
        List<String> reported = new ArrayList<>();

        List<RuleSet.Campaign> matched = conditions.matching(REVISION, DURING, noChannel, member(),
                (c, problem) -> reported.add(problem));

        assertThat(matched).isEmpty();
        assertThat(reported).containsExactly(
                "campaign app-shoes-double: missing order.channel",
                "campaign web-outdoor-bonus: missing order.channel");
        assertThat(conditions.problems()).isEqualTo(2);
    }

    @Test
    void aFieldOfTheWrongTypeIsNoMatchWithAReason() {
        Map<String, Object> order = order("app", "shoes");
        order.put("channel", 7);

        CampaignConditions.Evaluation e = conditions.evaluate(REVISION.campaigns().get(0), order, member());

        assertThat(e.matched()).isFalse();
        assertThat(e.problem()).contains("campaign app-shoes-double: order.channel should be a string, was Integer 7");
    }

    @Test
    void aConditionThatDoesNotCompileNeverMatches() {
        CampaignConditions.Evaluation e = conditions.evaluate(campaign("broken", "order.channel =="),
                order("app"), member());

        assertThat(e.matched()).isFalse();
        assertThat(e.problem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("campaign broken: condition does not compile: 1:17: mismatched input"));
    }

    @Test
    void conditionsReadTheMemberAndTheAmountsInTheDomainsOwnTypes() {
        RuleSet.Campaign loyalBigSpender = campaign("loyal-big-spender", """
                member.tier in ['GOLD', 'PLATINUM'] && member.country == 'US'
                && member.enrolled_at < timestamp('2026-01-01T00:00:00Z') && member.lifetime_orders >= 10
                && member.qualifying_spend > 1500 && order.net_amount >= 100 && order.currency == 'USD'
                && order.order_id.startsWith('O-')""");
        Map<String, Object> order = order("store", "shoes");
        Map<String, Object> member = member();

        assertThat(conditions.matches(loyalBigSpender, order, member)).isTrue();

        member.put("lifetime_orders", 9);
        assertThat(conditions.matches(loyalBigSpender, order, member)).isFalse();
        member.put("lifetime_orders", 10L);
        member.put("enrolled_at", "2026-01-01T00:00:00Z");
        assertThat(conditions.matches(loyalBigSpender, order, member)).isFalse();
        member.put("enrolled_at", Instant.parse("2025-12-31T23:59:59Z"));
        order.put("net_amount", new BigDecimal("99.99"));
        assertThat(conditions.matches(loyalBigSpender, order, member)).isFalse();
        order.put("net_amount", 100.0);
        assertThat(conditions.matches(loyalBigSpender, order, member)).isTrue();
        assertThat(conditions.problems()).isZero();
    }

    @Test
    void aDeserialisedCopyStillEvaluates() throws Exception {
        conditions.matching(REVISION, DURING, order("app", "shoes"), member());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(conditions);
        }
        CampaignConditions copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (CampaignConditions) in.readObject();
        }

        assertThat(ids(copy.matching(REVISION, DURING, order("web", "outdoor"), member())))
                .containsExactly("web-outdoor-bonus");
    }

    @Test
    void compileErrorNamesWhatIsWrong() {
        assertThat(CampaignConditions.compileError("order.channel == 'app' && 'shoes' in order.categories")).isEmpty();
        assertThat(CampaignConditions.compileError("order.categories")).contains("yields list(string), not bool");
        assertThat(CampaignConditions.compileError("member.points > 5"))
                .hasValueSatisfying(e -> assertThat(e).contains("undeclared reference to 'member'"));
    }

    private static Map<String, Object> order(String channel, String... categories) {
        Map<String, Object> order = new HashMap<>();
        order.put("order_id", "O-1");
        order.put("net_amount", 120.50);
        order.put("currency", "USD");
        order.put("channel", channel);
        order.put("categories", List.of(categories));
        return order;
    }

    private static Map<String, Object> member() {
        Map<String, Object> member = new HashMap<>();
        member.put("tier", "GOLD");
        member.put("enrolled_at", Instant.parse("2025-06-01T00:00:00Z"));
        member.put("country", "US");
        member.put("lifetime_orders", 12L);
        member.put("qualifying_spend", new BigDecimal("1800.00"));
        return member;
    }

    private static RuleSet.Campaign campaign(String id, String condition) {
        return new RuleSet.Campaign(id, condition, null, 50L, null, null);
    }

    private static List<String> ids(List<RuleSet.Campaign> campaigns) {
        return campaigns.stream().map(RuleSet.Campaign::id).toList();
    }
}
