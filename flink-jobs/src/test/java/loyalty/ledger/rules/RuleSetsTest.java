package loyalty.ledger.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import loyalty.contract.event.EventJson;
import loyalty.generator.rules.DefaultRuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleSetsTest {
    private static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FEB_1 = Instant.parse("2026-02-01T00:00:00Z");

    @Test
    void defaultsAreTheSpecNumbers() {
        RuleSet d = RuleSets.defaults();

        assertThat(d.version()).isEqualTo("default");
        assertThat(d.effectiveFrom()).isEqualTo(Instant.EPOCH);
        assertThat(d.currency()).isEqualTo("USD");
        assertThat(d.defaultRegion()).isEqualTo("US");
        assertThat(d.baseRate()).isEqualByComparingTo("1");
        assertThat(d.tiers()).extracting(RuleSet.Tier::name).containsExactly("MEMBER", "SILVER", "GOLD", "PLATINUM");
        assertThat(d.tiers()).extracting(RuleSet.Tier::qualifyingSpend)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(dec("0"), dec("500"), dec("1500"), dec("5000"));
        assertThat(d.tiers()).extracting(RuleSet.Tier::multiplier)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(dec("1"), dec("1.25"), dec("1.5"), dec("2"));
        assertThat(d.tierWindowDays()).isEqualTo(365);
        assertThat(d.pendingDays()).isEqualTo(14);
        assertThat(d.expiryDays()).isEqualTo(365);
        assertThat(d.caps()).isEqualTo(new RuleSet.Caps(10_000, 20_000));
        assertThat(d.bonuses().welcome()).isEqualTo(100);
        assertThat(d.bonuses().birthday()).isEqualTo(100);
        assertThat(d.bonuses().referral()).isEqualTo(new RuleSet.Referral(500, 10));
        assertThat(d.bonuses().engagement()).containsExactly(
                entry("review", new RuleSet.Engagement(50, 5, "calendar_month")),
                entry("social_share", new RuleSet.Engagement(10, 1, "day")),
                entry("survey", new RuleSet.Engagement(100, 1, "30_days")));
        assertThat(d.campaigns()).isEmpty();
        assertThat(d.costPerPoint()).isEqualByComparingTo("0.01");
    }

    @Test
    void theLedgerDefaultsMatchTheGeneratorsDefaultRuleSet() {
        // The ledger keeps its own copy of the generator's file; the two must not drift apart.
        RuleSet generators = valid(DefaultRuleSet.first("acme", JAN_1), null);

        assertThat(generators.program()).isEqualTo("acme");
        assertThat(generators.version()).isEqualTo("1");
        assertThat(generators.effectiveFrom()).isEqualTo(JAN_1);
        assertThat(withHeader(generators, null, "default", Instant.EPOCH)).isEqualTo(RuleSets.defaults());
    }

    @Test
    void aPartialRuleSetKeepsEveryOtherDefault() {
        RuleSet partial = valid(json("{\"version\": \"2\", \"base_rate\": \"2\"}"), null);

        RuleSet d = RuleSets.defaults();
        assertThat(partial.version()).isEqualTo("2");
        assertThat(partial.baseRate()).isEqualByComparingTo("2");
        assertThat(partial).isEqualTo(new RuleSet(d.program(), "2", d.effectiveFrom(), d.currency(),
                d.defaultRegion(), partial.baseRate(), d.tiers(), d.tierWindowDays(), d.pendingDays(), d.expiryDays(),
                d.caps(), d.bonuses(), d.campaigns(), d.costPerPoint(), d.nudges()));
    }

    @Test
    void nestedObjectsMergeKeyByKey() {
        RuleSet r = valid(json("""
                {"version": "3",
                 "caps": {"points_per_order": 5000},
                 "bonuses": {"referral": {"max_per_year": 3},
                             "engagement": {"review": {"points": 60},
                                            "check_in": {"points": 5, "max": 1, "per": "day"}}}}
                """), null);

        assertThat(r.caps()).isEqualTo(new RuleSet.Caps(5000, 20_000));
        assertThat(r.bonuses().welcome()).isEqualTo(100);
        assertThat(r.bonuses().referral()).isEqualTo(new RuleSet.Referral(500, 3));
        assertThat(r.bonuses().engagement()).containsExactly(
                entry("review", new RuleSet.Engagement(60, 5, "calendar_month")),
                entry("social_share", new RuleSet.Engagement(10, 1, "day")),
                entry("survey", new RuleSet.Engagement(100, 1, "30_days")),
                entry("check_in", new RuleSet.Engagement(5, 1, "day")));
    }

    @Test
    void arraysReplaceTheDefaultWhole() {
        RuleSet r = valid(json("""
                {"version": "4", "tiers": [{"name": "BASIC", "qualifying_spend": 0, "multiplier": 1},
                                           {"name": "VIP", "qualifying_spend": "1000.50", "multiplier": "3"}]}
                """), null);

        assertThat(r.tiers()).extracting(RuleSet.Tier::name).containsExactly("BASIC", "VIP");
        assertThat(r.tierFor(dec("1000.49")).name()).isEqualTo("BASIC");
        assertThat(r.tierFor(dec("1000.50")).name()).isEqualTo("VIP");
    }

    @Test
    void thePublishedEffectiveFromWinsOverTheRuleSetsOwn() {
        ObjectNode rules = json("{\"version\": \"5\", \"effective_from\": \"2026-01-01T00:00:00Z\"}");

        assertThat(valid(rules, FEB_1).effectiveFrom()).isEqualTo(FEB_1);
        assertThat(valid(rules, null).effectiveFrom()).isEqualTo(JAN_1);
        assertThat(valid(json("{\"version\": \"5\"}"), null).effectiveFrom()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void offsetsAreReadAsUtcInstants() {
        RuleSet r = valid(json("""
                {"version": "6", "effective_from": "2026-01-01T01:00:00+01:00",
                 "campaigns": [{"id": "c", "condition": "true", "bonus": 5,
                                "valid_from": "2026-01-31T19:00:00-05:00"}]}
                """), null);

        assertThat(r.effectiveFrom()).isEqualTo(JAN_1);
        assertThat(r.campaigns().get(0).validFrom()).isEqualTo(FEB_1);
        assertThat(r.campaigns().get(0).validTo()).isNull();
    }

    @Test
    void unknownTopLevelKeysAreAllowedForForwardCompatibility() {
        RuleSet r = valid(json("{\"version\": \"7\", \"streaks\": {\"days\": 7}, \"identity\": {\"max_emails\": 2}}"),
                null);

        assertThat(r.version()).isEqualTo("7");
    }

    @Test
    void theGeneratorsRevisionWithCampaignsIsValid() {
        ObjectNode first = DefaultRuleSet.first("acme", JAN_1);
        RuleSet r = valid(DefaultRuleSet.revision(first, FEB_1, Instant.parse("2026-03-01T00:00:00Z")), null);

        assertThat(r.version()).isEqualTo("2");
        assertThat(r.campaigns()).extracting(RuleSet.Campaign::id)
                .containsExactly("app-shoes-double", "web-outdoor-bonus");
        assertThat(r.campaigns().get(0).multiplier()).isEqualByComparingTo("2");
        assertThat(r.campaigns().get(0).bonus()).isNull();
        assertThat(r.campaigns().get(1).bonus()).isEqualTo(100L);
        assertThat(r.campaigns().get(1).multiplier()).isNull();
    }

    @Test
    void aReadRuleSetCannotBeChangedByItsUsers() {
        RuleSet d = RuleSets.defaults();

        assertThatThrownBy(() -> d.tiers().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.bonuses().engagement().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(RuleSets.defaults().tiers()).hasSize(4);
    }

    static Stream<Arguments> invalidRuleSets() {
        return Stream.of(
                Arguments.of("missing version", "{\"base_rate\": \"1\"}", "$: required property 'version' not found"),
                Arguments.of("negative base_rate (string)", "{\"version\": \"x\", \"base_rate\": \"-1\"}",
                        "$.base_rate: does not match the regex pattern"),
                Arguments.of("negative base_rate (number)", "{\"version\": \"x\", \"base_rate\": -0.5}",
                        "$.base_rate: must have a minimum value of 0"),
                Arguments.of("tiers out of order", """
                        {"version": "x", "tiers": [{"name": "A", "qualifying_spend": "0", "multiplier": "1"},
                                                   {"name": "B", "qualifying_spend": "500", "multiplier": "1.5"},
                                                   {"name": "C", "qualifying_spend": "400", "multiplier": "2"}]}""",
                        "$.tiers[2]: qualifying_spend 400 of C must be greater than the previous tier's 500"),
                Arguments.of("lowest tier above 0", """
                        {"version": "x", "tiers": [{"name": "A", "qualifying_spend": "10", "multiplier": "1"}]}""",
                        "$.tiers[0]: the lowest tier A must have qualifying_spend 0, has 10"),
                Arguments.of("duplicate tier name", """
                        {"version": "x", "tiers": [{"name": "A", "qualifying_spend": "0", "multiplier": "1"},
                                                   {"name": "A", "qualifying_spend": "5", "multiplier": "1"}]}""",
                        "$.tiers[1]: duplicate tier name A"),
                Arguments.of("no tiers", "{\"version\": \"x\", \"tiers\": []}",
                        "$.tiers: must have at least 1 items"),
                Arguments.of("duplicate campaign id", """
                        {"version": "x", "campaigns": [{"id": "c", "condition": "true", "bonus": 1},
                                                       {"id": "c", "condition": "false", "bonus": 2}]}""",
                        "$.campaigns[1] (c): duplicate campaign id c"),
                Arguments.of("campaign with multiplier and bonus", """
                        {"version": "x", "campaigns": [{"id": "c", "condition": "true", "multiplier": "2",
                                                        "bonus": 10}]}""",
                        "$.campaigns[0] (c): needs exactly one of multiplier or bonus, has both"),
                Arguments.of("campaign with neither", """
                        {"version": "x", "campaigns": [{"id": "c", "condition": "true"}]}""",
                        "$.campaigns[0] (c): needs exactly one of multiplier or bonus, has neither"),
                Arguments.of("campaign multiplier below 1", """
                        {"version": "x", "campaigns": [{"id": "c", "condition": "true", "multiplier": "0.5"}]}""",
                        "$.campaigns[0] (c): multiplier must be at least 1, is 0.5"),
                Arguments.of("campaign bonus 0", """
                        {"version": "x", "campaigns": [{"id": "c", "condition": "true", "bonus": 0}]}""",
                        "$.campaigns[0].bonus: must have a minimum value of 1"),
                Arguments.of("campaign without condition", """
                        {"version": "x", "campaigns": [{"id": "c", "bonus": 1}]}""",
                        "$.campaigns[0]: required property 'condition' not found"),
                Arguments.of("mistyped campaign key", """
                        {"version": "x", "campaigns": [{"id": "c", "condition": "true", "multipler": "2"}]}""",
                        "$.campaigns[0]: property 'multipler' is not defined in the schema"),
                Arguments.of("condition that does not compile", """
                        {"version": "x", "campaigns": [{"id": "c", "condition": "order.channel ==", "bonus": 1}]}""",
                        "$.campaigns[0] (c): condition does not compile: 1:17: mismatched input '<EOF>'"),
                Arguments.of("condition on an undeclared field", """
                        {"version": "x", "campaigns": [{"id": "c", "condition": "order.coupon == 'X'", "bonus": 1}]}""",
                        "$.campaigns[0] (c): condition does not compile: 1:1: undeclared reference to 'order'"),
                Arguments.of("condition comparing a string with a number", """
                        {"version": "x", "campaigns": [{"id": "c", "condition": "order.channel > 3", "bonus": 1}]}""",
                        "$.campaigns[0] (c): condition does not compile: 1:15: found no matching overload for '_>_' applied to '(string, int)'"),
                Arguments.of("condition that is not boolean", """
                        {"version": "x", "campaigns": [{"id": "c", "condition": "order.net_amount * 2.0", "bonus": 1}]}""",
                        "$.campaigns[0] (c): condition yields double, not bool"),
                Arguments.of("campaign ending before it starts", """
                        {"version": "x", "campaigns": [{"id": "c", "condition": "true", "bonus": 1,
                                                        "valid_from": "2026-02-01T00:00:00Z",
                                                        "valid_to": "2026-01-01T00:00:00Z"}]}""",
                        "$.campaigns[0] (c): valid_to 2026-01-01T00:00:00Z must be after valid_from 2026-02-01T00:00:00Z"),
                Arguments.of("version of the wrong type", "{\"version\": 2}",
                        "$.version: integer found, string expected"),
                Arguments.of("pending_days of the wrong type", "{\"version\": \"x\", \"pending_days\": \"14\"}",
                        "$.pending_days: string found, integer expected"),
                Arguments.of("tiers of the wrong type", "{\"version\": \"x\", \"tiers\": {\"name\": \"A\"}}",
                        "$.tiers: object found, array expected"),
                Arguments.of("caps of the wrong type", "{\"version\": \"x\", \"caps\": 10000}",
                        "$.caps: integer found, object expected"),
                Arguments.of("null base_rate", "{\"version\": \"x\", \"base_rate\": null}",
                        "$.base_rate: null found, [string, number] expected"),
                Arguments.of("engagement per outside its values", """
                        {"version": "x", "bonuses": {"engagement": {"review": {"per": "week"}}}}""",
                        "$.bonuses.engagement.review.per: does not have a value in the enumeration"),
                Arguments.of("new engagement kind without all its settings", """
                        {"version": "x", "bonuses": {"engagement": {"check_in": {"points": 5}}}}""",
                        "$.bonuses.engagement.check_in: missing max"),
                Arguments.of("a date that does not exist", """
                        {"version": "x", "effective_from": "2026-02-30T00:00:00Z"}""",
                        "$.effective_from: Text '2026-02-30T00:00:00Z' could not be parsed"),
                Arguments.of("expiry_days of 0", "{\"version\": \"x\", \"expiry_days\": 0}",
                        "$.expiry_days: must have a minimum value of 1"),
                Arguments.of("not an object", "[]", "$: a rule set must be a JSON object, got ARRAY"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRuleSets")
    void anInvalidRuleSetIsRejectedWithItsError(String name, String ruleSet, String expectedError)
            throws IOException {
        RuleSets.Parsed parsed = RuleSets.parse(EventJson.mapper().readTree(ruleSet), FEB_1);

        assertThat(parsed).isInstanceOf(RuleSets.Parsed.Invalid.class);
        List<String> errors = ((RuleSets.Parsed.Invalid) parsed).errors();
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(expectedError));
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        RuleSets.Parsed parsed = RuleSets.parse(json("""
                {"version": "x", "campaigns": [{"id": "a", "condition": "1", "bonus": 1},
                                               {"id": "a", "condition": "true", "multiplier": "2", "bonus": 1}]}
                """), null);

        assertThat(((RuleSets.Parsed.Invalid) parsed).errors()).containsExactly(
                "$.campaigns[0] (a): condition yields int, not bool",
                "$.campaigns[1] (a): duplicate campaign id a",
                "$.campaigns[1] (a): needs exactly one of multiplier or bonus, has both");
    }

    private static RuleSet valid(JsonNode ruleSet, Instant effectiveFrom) {
        RuleSets.Parsed parsed = RuleSets.parse(ruleSet, effectiveFrom);
        assertThat(parsed).isInstanceOf(RuleSets.Parsed.Valid.class);
        return ((RuleSets.Parsed.Valid) parsed).rules();
    }

    private static RuleSet withHeader(RuleSet r, String program, String version, Instant effectiveFrom) {
        return new RuleSet(program, version, effectiveFrom, r.currency(), r.defaultRegion(), r.baseRate(), r.tiers(),
                r.tierWindowDays(), r.pendingDays(), r.expiryDays(), r.caps(), r.bonuses(), r.campaigns(),
                r.costPerPoint(), r.nudges());
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }

    private static <K, V> java.util.Map.Entry<K, V> entry(K key, V value) {
        return java.util.Map.entry(key, value);
    }
}
