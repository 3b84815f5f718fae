package loyalty.ledger.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.generator.rules.DefaultRuleSet;
import loyalty.ledger.rules.CampaignConditions;
import loyalty.ledger.rules.RuleBook;
import org.junit.jupiter.api.Test;

/** SPEC §5 campaigns through published rule sets and CEL: the largest multiplier, bonuses added, versions named. */
class CampaignEarningTest {
    private static final Instant V2 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void campaignsOfThePublishedRuleSetMultiplyOrAddAndEveryEntryNamesItsVersionAndCampaigns() throws Exception {
        RuleBook book = new RuleBook();
        book.publish(DefaultRuleSet.first("acme", Instant.parse("2026-01-01T00:00:00Z")), null);
        book.publish(DefaultRuleSet.revision(DefaultRuleSet.first("acme", V2), V2,
                Instant.parse("2026-04-01T00:00:00Z")), null);
        BookRules rules = new BookRules(book, new CampaignConditions());
        MemberLedger m = new MemberLedger("acme", "M-1");

        m.apply(event("e1", EventType.MEMBER_ENROLLED, "2026-01-10T10:00:00Z", "{}"), rules);
        LedgerStep before = m.apply(order("o1", "2026-02-10T10:00:00Z", "app", "shoes", "40.00"), rules);
        LedgerStep app = m.apply(order("o2", "2026-03-10T10:00:00Z", "app", "shoes", "40.00"), rules);
        LedgerStep web = m.apply(order("o3", "2026-03-11T10:00:00Z", "web", "outdoor", "40.00"), rules);
        LedgerStep after = m.apply(order("o4", "2026-04-02T10:00:00Z", "app", "shoes", "40.00"), rules);

        assertThat(before.entries().get(0).points()).isEqualTo(40);
        assertThat(before.entries().get(0).ruleVersion()).isEqualTo("1");
        assertThat(app.entries().get(0).points()).isEqualTo(80);
        assertThat(app.entries().get(0).campaignIds()).containsExactly("app-shoes-double");
        assertThat(app.entries().get(0).ruleVersion()).isEqualTo("2");
        assertThat(web.entries().get(0).points()).isEqualTo(140);
        assertThat(web.entries().get(0).campaignIds()).containsExactly("web-outdoor-bonus");
        assertThat(after.entries().get(0).points()).as("campaign over").isEqualTo(40);
    }

    private static Event order(String id, String at, String channel, String category, String amount)
            throws Exception {
        return event(id, EventType.ORDER_COMPLETED, at, "{\"order_id\":\"" + id + "\",\"net_amount\":\"" + amount
                + "\",\"currency\":\"USD\",\"channel\":\"" + channel + "\",\"categories\":[\"" + category + "\"]}");
    }

    private static Event event(String id, EventType type, String at, String payload) throws Exception {
        return new Event(id, type.wireName(), "acme", Instant.parse(at), "app", Identifiers.NONE,
                (ObjectNode) EventJson.mapper().readTree(payload));
    }
}
