package loyalty.nudge;

import static loyalty.nudge.NudgeScript.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import loyalty.contract.event.EventType;
import loyalty.ledger.core.LedgerStep;
import loyalty.ledger.core.Merges;
import org.junit.jupiter.api.Test;

/**
 * SPEC §3 merge and nudges: consents fold by most recent setting, the loser is MERGED and gets no more nudges, and
 * its reminders and lapse happen on the survivor, which now holds its lots and orders.
 */
class MergedNudgesTest {
    private static final Instant MERGE_AT = at("2026-01-05");

    @Test
    void consentsFoldByTheMostRecentSettingPerChannel() {
        Merged m = merged();

        assertThat(m.survivor.state.consents).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().granted())
                .as("email and push: the loser's, set later; sms: the survivor's, set later")
                .containsExactlyInAnyOrder("email=false", "push=true", "sms=true");
        assertThat(m.loser.state.status).isEqualTo(MemberNudges.MERGED);
        assertThat(m.survivor.state.status).isEqualTo(MemberNudges.ACTIVE);
    }

    @Test
    void theLoserGetsNoNudgeAfterTheMergeAndItsTimersDoNotFireForIt() {
        Merged m = merged();
        int before = m.loser.nudges.size();

        assertThat(m.loser.ledger.nextDue(m.loser.rules)).as("no reminder or lapse left on the loser").isEmpty();
        m.loser.send("2026-01-06", EventType.ORDER_COMPLETED,
                "{\"order_id\":\"late\",\"net_amount\":\"900.00\",\"currency\":\"USD\"}");
        m.loser.advance("2027-02-01");

        assertThat(m.loser.nudges).hasSize(before);
    }

    @Test
    void theLosersLotsAndOrdersRemindAndLapseOnTheSurvivor() {
        Merged m = merged();
        m.survivor.advance("2027-02-01");

        assertThat(m.survivor.of(NudgeType.POINTS_EXPIRING)).extracting(n -> n.memberId() + " " + n.context()
                        .path("expiring_on").asText() + " " + n.context().path("points_expiring").asLong())
                .as("P1's welcome, P2's adjustment and P2's order; P2's welcome was clawed back")
                .containsExactly("P1 2027-01-01 100", "P1 2027-01-03 200", "P1 2027-01-17 200");
        assertThat(m.survivor.of(NudgeType.LAPSE_RISK)).singleElement().satisfies(n -> {
            assertThat(n.triggeredAt()).as("P2's order of 01-03, the survivor's last").isEqualTo(at("2026-03-04"));
            assertThat(n.channel()).as("P2's push consent, the most recent").isEqualTo("push");
        });
    }

    @Test
    void aTierTheLoserAlreadyHeldIsNoUpgradeNudgeButATierTheCombinedSpendEarnsIs() {
        NudgeScript heldA = new NudgeScript("A1").enroll("2026-01-01");
        NudgeScript heldB = new NudgeScript("B1").enroll("2026-01-02").order("2026-01-03", "O1", "600.00");
        NudgeScript sumA = new NudgeScript("A2").enroll("2026-01-01").order("2026-01-03", "O2", "300.00");
        NudgeScript sumB = new NudgeScript("B2").enroll("2026-01-02").order("2026-01-03", "O3", "300.00");

        merge(heldA, heldB);
        merge(sumA, sumB);

        assertThat(heldB.of(NudgeType.TIER_UPGRADE)).as("B1 had its upgrade nudge").hasSize(1);
        assertThat(heldA.ledger.tier).isEqualTo("SILVER");
        assertThat(heldA.of(NudgeType.TIER_UPGRADE)).as("the same person, the same tier: no second nudge").isEmpty();
        assertThat(sumA.of(NudgeType.TIER_UPGRADE)).singleElement().satisfies(n -> {
            assertThat(n.triggeredAt()).isEqualTo(MERGE_AT);
            assertThat(n.context().path("to_tier").asText()).isEqualTo("SILVER");
        });
    }

    private record Merged(NudgeScript survivor, NudgeScript loser) {
    }

    private static Merged merged() {
        NudgeScript p1 = new NudgeScript("P1");
        NudgeScript p2 = new NudgeScript("P2");
        p1.send("2026-01-01", EventType.MEMBER_ENROLLED, "{\"consent\":{\"push\":false,\"email\":true}}");
        p2.send("2026-01-02", EventType.MEMBER_ENROLLED, "{\"consent\":{\"push\":true}}");
        p2.order("2026-01-03", "O1", "200.00").adjust("2026-01-03", 200);
        p2.consent("2026-01-03T13:00:00Z", "{\"email\":false,\"sms\":false}");
        p1.consent("2026-01-04", "{\"sms\":true}");

        merge(p1, p2);
        return new Merged(p1, p2);
    }

    /** As the ledger operator does it: the loser hands over, then the survivor takes over with the loser's state. */
    private static void merge(NudgeScript p1, NudgeScript p2) {
        LedgerBefore loserBefore = LedgerBefore.of(p2.ledger);
        LedgerBefore survivorBefore = LedgerBefore.of(p1.ledger);
        Merges.Out out = Merges.transferOut(p2.ledger, "merge-1", p1.ledger.memberId, MERGE_AT, true, p2.rules);
        p2.nudges.addAll(Nudging.step(p2.state, loserBefore, p2.ledger, null, out.step(), MERGE_AT, "merge-1",
                p2.rules));
        LedgerStep in = Merges.transferIn(p1.ledger, out.transfer(), p1.rules);
        p1.state.foldIn(p2.state);
        p1.nudges.addAll(Nudging.step(p1.state, survivorBefore, p1.ledger, null, in, MERGE_AT, "merge-1",
                p1.rules));
    }
}
