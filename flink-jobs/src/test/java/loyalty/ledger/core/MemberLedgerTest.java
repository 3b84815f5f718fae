package loyalty.ledger.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SPEC §4–8 and §13 rules one by one, on the default rule set. */
class MemberLedgerTest {

    @Test
    void engagementBonusesStopAtTheirCapsAndTheWindowsAreCalendarOrRolling() {
        LedgerScript s = new LedgerScript().enroll("2026-03-01");
        for (int day = 1; day <= 6; day++) {
            s.engage("2026-03-0" + (day + 1), "review");
        }
        s.engage("2026-04-01", "review");                       // new calendar month
        s.engage("2026-03-10T08:00:00Z", "social_share");
        s.engage("2026-03-10T20:00:00Z", "social_share");       // same UTC day: capped
        s.engage("2026-03-11T00:00:00Z", "social_share");
        s.engage("2026-03-01T13:00:00Z", "survey");
        s.engage("2026-03-31T12:59:59Z", "survey");             // 1 s short of 30 days: capped
        s.engage("2026-03-31T13:00:00Z", "survey");             // last + 30 d: allowed (SPEC §13.2)

        long reviews = s.entries.stream().filter(e -> "review".equals(e.note())).count();
        long shares = s.entries.stream().filter(e -> "social_share".equals(e.note())).count();
        long surveys = s.entries.stream().filter(e -> "survey".equals(e.note())).count();
        assertThat(reviews).isEqualTo(6);   // 5 in March + 1 in April
        assertThat(shares).isEqualTo(2);
        assertThat(surveys).isEqualTo(2);
        assertThat(s.ledger.lifetimeEarned).isEqualTo(100 + 6 * 50 + 2 * 10 + 2 * 100);
    }

    @Test
    void orderPointsAreCappedPerOrderAndPerDayAndTheCutIsRecorded() {
        LedgerScript s = new LedgerScript().enroll("2026-01-01");
        s.order("2026-02-01T09:00:00Z", "BIG", "12000.00");
        s.order("2026-02-01T10:00:00Z", "MORE", "9000.00");
        s.order("2026-02-01T11:00:00Z", "EVEN-MORE", "100.00");

        assertThat(s.entries.subList(1, s.entries.size())).extracting(LedgerEntry::points)
                .containsExactly(10_000L, 10_000L);
        assertThat(s.entries.get(1).note()).contains("order cap 10000 cut 2000");
        // 9000 at PLATINUM ×2 is 18000 → 10000 by the order cap, then the day has 10000 left
        assertThat(s.entries.get(2).note()).contains("order cap");
        assertThat(s.ledger.orders.get("EVEN-MORE").points).isZero();
    }

    @Test
    void ordersBeforeEnrolmentEarnNothingButCountForTheTierSetAtEnrolment() {
        LedgerScript s = new LedgerScript().order("2026-01-02", "O1", "600.00").enroll("2026-01-03");

        assertThat(s.entries).extracting(LedgerEntry::type).containsExactly(EntryType.BONUS);
        assertThat(s.ledger.tier).isEqualTo("SILVER");
        assertThat(s.tiers).singleElement().satisfies(t -> assertThat(t.cause()).isEqualTo("enrollment"));
    }

    @Test
    void partialReturnsClawBackCumulativelyAndAnExcessRefundIsIgnored() {
        LedgerScript s = new LedgerScript().enroll("2026-01-01").order("2026-01-02", "O1", "99.99");
        s.returned("2026-01-03", "R1", "O1", "33.33");
        s.returned("2026-01-04", "R2", "O1", "33.33");
        s.returned("2026-01-05", "R3", "O1", "50.00");     // only 33.33 left to refund

        assertThat(s.entries.stream().filter(e -> e.type() == EntryType.CLAWBACK).mapToLong(LedgerEntry::points))
                .containsExactly(-33L, -33L, -33L);
        assertThat(s.ledger.orders.get("O1").clawedBack).isEqualTo(99);
    }

    @Test
    void anUnlinkedReturnClawsBackFromTheSoonestExpiringAvailableLotsThenDebt() {
        LedgerScript s = new LedgerScript().enroll("2026-01-01").order("2026-01-02", "O1", "50.00");
        s.returned("2026-01-20", "R1", null, "180.00");

        assertThat(s.entries.stream().filter(e -> e.type() == EntryType.CLAWBACK))
                .extracting(LedgerEntry::lotId, LedgerEntry::points)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("e1:welcome", -100L),
                        org.assertj.core.groups.Tuple.tuple("e2", -50L),
                        org.assertj.core.groups.Tuple.tuple(null, -30L));
        assertThat(s.ledger.debt).isEqualTo(30);
        s.adjust("2026-01-21", 40);
        assertThat(s.ledger.balance(LedgerScript.at("2026-01-21")).available()).isEqualTo(10);
        assertThat(s.ledger.debt).isZero();
    }

    @Test
    void aRepeatedRedemptionIdCopiesTheOutcomeAndACancellationRestoresTheSameLots() {
        LedgerScript s = new LedgerScript().enroll("2026-01-01").redeem("2026-01-02", "R1", 60);
        s.redeem("2026-01-03", "R1", 60);
        assertThat(s.outcomes).hasSize(2);
        assertThat(s.outcomes.get(1).repeatOf()).isEqualTo("e2");
        assertThat(s.ledger.balance(LedgerScript.at("2026-01-03")).available()).isEqualTo(40);

        s.cancel("2026-01-04", "R1").cancel("2026-01-05", "R1").cancel("2026-01-05", "NOPE");
        assertThat(s.outcomes.subList(2, 5)).extracting(RedemptionOutcome::status, RedemptionOutcome::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CANCELLED", null),
                        org.assertj.core.groups.Tuple.tuple("CANCEL_IGNORED", "already_cancelled"),
                        org.assertj.core.groups.Tuple.tuple("CANCEL_IGNORED", "unknown_redemption"));
        assertThat(s.ledger.balance(LedgerScript.at("2026-01-05")).available()).isEqualTo(100);
        assertThat(s.ledger.redeemed).isZero();
    }

    @Test
    void cancellingAfterTheLotExpiredExpiresTheRestoredPointsAtOnce() {
        LedgerScript s = new LedgerScript().enroll("2026-01-01").redeem("2026-06-01", "R1", 100);
        s.cancel("2027-01-02", "R1");

        assertThat(s.entries).extracting(LedgerEntry::type).containsExactly(EntryType.BONUS, EntryType.REDEEM,
                EntryType.REDEEM_REVERSAL, EntryType.EXPIRE);
        assertThat(s.ledger.expired).isEqualTo(100);
    }

    @Test
    void anEffectDueAtAnInstantAppliesBeforeAnEventAtThatInstant() {
        LedgerScript s = new LedgerScript().enroll("2026-01-01T00:00:00Z");
        s.redeem("2027-01-01T00:00:00Z", "R1", 100);   // the welcome lot expires exactly then

        assertThat(s.outcomes).singleElement().satisfies(o -> assertThat(o.reason())
                .isEqualTo("insufficient_points"));
    }

    @Test
    void theTierIsReviewedAYearAfterItWasAchieved() {
        LedgerScript s = new LedgerScript().enroll("2026-01-01").order("2026-01-10", "O1", "1600.00");
        assertThat(s.ledger.tier).isEqualTo("GOLD");
        s.order("2026-06-01", "O2", "600.00");
        s.advance("2027-01-10T12:00:00Z");

        // at the review the window (2026-01-10, 2027-01-10] holds only O2
        assertThat(s.tiers).last().satisfies(t -> {
            assertThat(t.cause()).isEqualTo("review");
            assertThat(t.toTier()).isEqualTo("SILVER");
            assertThat(t.achievedAt()).isEqualTo(LedgerScript.at("2027-01-10"));
        });
    }

    @Test
    void repeatedOrderAndReturnIdsAreRefusedAndASmallOrderWritesNoEntry() {
        LedgerScript s = new LedgerScript().enroll("2026-01-01").order("2026-01-02", "O1", "0.50");
        s.order("2026-01-03", "O1", "10.00");
        s.returned("2026-01-04", "R1", "O1", "0.50").returned("2026-01-05", "R1", "O1", "0.50");

        assertThat(s.refusals).containsExactly("duplicate_order_id", "duplicate_return_id");
        assertThat(s.entries).extracting(LedgerEntry::type).containsExactly(EntryType.BONUS);
    }

    @Test
    void theSameEventsGiveTheSameEntriesIdsIncluded() {
        LedgerScript a = new LedgerScript();
        LedgerScript b = new LedgerScript();
        for (LedgerScript s : new LedgerScript[] {a, b}) {
            s.enroll("2026-01-01").order("2026-01-05", "O1", "120.50").redeem("2026-01-20", "R1", 150)
                    .returned("2026-01-22", "RT", "O1", "60.00").advance("2027-03-01");
        }
        assertThat(b.entries).isEqualTo(a.entries);
    }

    @Test
    void aMergeMovesDebtAndKeepsTheHigherTierWithItsDate() {
        LedgerScript survivor = new LedgerScript("S", "s");
        LedgerScript loser = new LedgerScript("L", "l");
        survivor.enroll("2026-01-01").engage("2026-01-02", "survey");              // 200 available
        loser.enroll("2026-01-03").order("2026-01-04", "O1", "1600.00")             // GOLD on 01-04
                .redeem("2026-01-20", "R1", 1700).returned("2026-01-21", "RT1", "O1", "1600.00");
        assertThat(loser.ledger.debt).isEqualTo(1600);      // 1600 clawed back, 0 left in lots
        assertThat(loser.ledger.tier).isEqualTo("MEMBER");  // revoked by the return

        java.time.Instant at = LedgerScript.at("2026-02-01");
        Merges.Out out = Merges.transferOut(loser.ledger, "merge:x:L", "S", at, false, loser.rules());
        loser.record(out.step(), at);
        survivor.record(Merges.transferIn(survivor.ledger, out.transfer(), survivor.rules()), at);

        Balance b = survivor.ledger.balance(at);
        assertThat(b.debt()).as("settled from the survivor's available points").isEqualTo(1400);
        assertThat(b.available()).isEqualTo(-1400);
        assertThat(b.redeemed()).isEqualTo(1700);
        assertThat(survivor.ledger.orders).containsKey("O1");
        // a later cancellation of the loser's redemption restores the points to the survivor
        survivor.cancel("2026-02-02", "R1");
        assertThat(survivor.ledger.balance(LedgerScript.at("2026-02-02")).available()).isEqualTo(300);
    }
}
