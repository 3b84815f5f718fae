package loyalty.flink.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.ledger.core.BookRules;
import loyalty.ledger.core.EntryType;
import loyalty.ledger.core.MemberLedger;
import loyalty.ledger.rules.CampaignConditions;
import loyalty.ledger.rules.RuleBook;
import org.junit.jupiter.api.Test;

/** The open lots beside a balance, on the default rule set (welcome 100 at once, orders pending 14 days). */
class ServingBalanceTest {
    private static final Instant JAN_1 = Instant.parse("2026-01-01T12:00:00Z");
    private static final Instant JAN_5 = Instant.parse("2026-01-05T12:00:00Z");
    private static final Instant JAN_19 = Instant.parse("2026-01-19T12:00:00Z");
    private static final BookRules RULES = new BookRules(new RuleBook(), new CampaignConditions());

    @Test
    void openLotsAreListedSoonestExpiringFirstWithTheirStatusAtAsOf() throws Exception {
        MemberLedger ledger = new MemberLedger("acme", "M-1");
        ledger.apply(event("e1", EventType.MEMBER_ENROLLED, JAN_1, "{}"), RULES);
        ledger.apply(event("o1", EventType.ORDER_COMPLETED, JAN_5,
                "{\"order_id\":\"O1\",\"net_amount\":\"120.50\",\"currency\":\"USD\"}"), RULES);

        ServingBalance served = ServingBalance.of(ledger.balance(JAN_5), ledger);

        assertThat(served.balance().available()).isEqualTo(100);
        assertThat(served.balance().pending()).isEqualTo(120);
        assertThat(served.lots()).extracting(ServingBalance.OpenLot::type, ServingBalance.OpenLot::remaining,
                        ServingBalance.OpenLot::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(EntryType.BONUS, 100L, ServingBalance.OpenLot.AVAILABLE),
                        org.assertj.core.groups.Tuple.tuple(EntryType.EARN, 120L, ServingBalance.OpenLot.PENDING));
        assertThat(served.lots().get(1).availableAt()).isEqualTo(JAN_19);
        assertThat(served.lots().get(1).expiresAt()).isEqualTo(JAN_19.plusSeconds(365L * 86_400));
        // The same lots, later: the order's lot is available from its available_at on (SPEC §13.1).
        ledger.advanceTo(JAN_19, RULES);
        assertThat(ServingBalance.of(ledger.balance(JAN_19), ledger).lots())
                .extracting(ServingBalance.OpenLot::status).containsOnly(ServingBalance.OpenLot.AVAILABLE);
    }

    @Test
    void spentAndExpiredLotsAreNotOpen() throws Exception {
        MemberLedger ledger = new MemberLedger("acme", "M-1");
        ledger.apply(event("e1", EventType.MEMBER_ENROLLED, JAN_1, "{}"), RULES);
        ledger.apply(event("r1", EventType.REDEMPTION_REQUESTED, JAN_5,
                "{\"redemption_id\":\"R1\",\"points\":100}"), RULES);
        assertThat(ServingBalance.of(ledger.balance(JAN_5), ledger).lots()).isEmpty();

        MemberLedger expiring = new MemberLedger("acme", "M-2");
        expiring.apply(event("e2", EventType.MEMBER_ENROLLED, JAN_1, "{}"), RULES);
        Instant yearLater = JAN_1.plusSeconds(365L * 86_400);
        expiring.advanceTo(yearLater, RULES);
        ServingBalance served = ServingBalance.of(expiring.balance(yearLater), expiring);
        assertThat(served.lots()).isEmpty();
        assertThat(served.balance().expired()).isEqualTo(100);
    }

    @Test
    void itTravelsAsJsonAndBackUnchanged() throws Exception {
        MemberLedger ledger = new MemberLedger("acme", "M-1");
        ledger.apply(event("e1", EventType.MEMBER_ENROLLED, JAN_1, "{}"), RULES);
        ServingBalance served = ServingBalance.of(ledger.balance(JAN_1), ledger);
        byte[] json = EventJson.mapper().writeValueAsBytes(served);
        assertThat(EventJson.mapper().readValue(json, ServingBalance.class)).isEqualTo(served);
        assertThat(EventJson.mapper().readTree(json).path("lots").get(0).path("expires_at").asText())
                .isEqualTo("2027-01-01T12:00:00Z");
    }

    private static Event event(String id, EventType type, Instant at, String payload) throws Exception {
        return new Event(id, type.wireName(), "acme", at, "pos", null,
                (ObjectNode) EventJson.mapper().readTree(payload));
    }
}
