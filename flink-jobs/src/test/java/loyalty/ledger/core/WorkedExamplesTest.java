package loyalty.ledger.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SPEC §12 worked examples A and B (default rules), step by step. */
class WorkedExamplesTest {

    @Test
    void exampleA_pendingRedemptionUpgradeAndItsRevocation() {
        LedgerScript s = new LedgerScript();
        s.enroll("2026-01-01");
        assertThat(s.entries).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EntryType.BONUS);
            assertThat(e.points()).isEqualTo(100);
        });
        s.order("2026-01-05", "O1", "120.50");
        assertThat(s.entries.get(1).points()).isEqualTo(120);
        assertThat(s.entries.get(1).availableAt()).isEqualTo(LedgerScript.at("2026-01-19"));

        s.redeem("2026-01-10", "R1", 150);
        assertThat(s.outcomes.get(0).status()).isEqualTo(RedemptionOutcome.REJECTED);
        assertThat(s.outcomes.get(0).reason()).isEqualTo("insufficient_points");
        assertThat(s.outcomes.get(0).availableBefore()).isEqualTo(100);

        s.redeem("2026-01-20", "R2", 150);
        assertThat(s.outcomes.get(1).status()).isEqualTo(RedemptionOutcome.APPROVED);
        assertThat(s.entries.subList(2, 4)).extracting(LedgerEntry::points).containsExactly(-100L, -50L);
        assertThat(s.ledger.lots.get("e2").remaining).isEqualTo(70);

        s.order("2026-02-01", "O2", "450.00");
        assertThat(s.entries.get(4).points()).isEqualTo(450);
        assertThat(s.ledger.tier).isEqualTo("SILVER");
        assertThat(s.ledger.tierAchievedAt).isEqualTo(LedgerScript.at("2026-02-01"));

        s.order("2026-02-03", "O3", "100.00");
        assertThat(s.entries.get(5).points()).as("×1.25 at SILVER").isEqualTo(125);

        s.returned("2026-02-05", "RT1", "O2", "450.00");
        assertThat(s.entries.get(6).points()).isEqualTo(-450);
        assertThat(s.entries.get(6).lotId()).isEqualTo("e5");
        assertThat(s.ledger.tier).isEqualTo("MEMBER");
        assertThat(s.ledger.tierAchievedAt).isEqualTo(LedgerScript.at("2026-02-05"));

        Balance b = s.balance("2026-03-01");
        assertThat(b.available()).isEqualTo(195);
        assertThat(b.pending()).isZero();
        assertThat(s.ledgerSum()).isEqualTo(195);
        assertThat(s.tiers).extracting(TierChange::toTier, TierChange::cause).containsExactly(
                org.assertj.core.groups.Tuple.tuple("MEMBER", "enrollment"),
                org.assertj.core.groups.Tuple.tuple("SILVER", "upgrade"),
                org.assertj.core.groups.Tuple.tuple("MEMBER", "return"));
    }

    @Test
    void exampleB_debtAndExpiry() {
        LedgerScript s = new LedgerScript();
        s.enroll("2026-01-01").order("2026-01-02", "O1", "300.00").redeem("2026-01-20", "R1", 350);
        assertThat(s.outcomes).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo("APPROVED"));

        s.returned("2026-01-25", "RT1", "O1", "300.00");
        assertThat(s.entries.stream().filter(e -> e.type() == EntryType.CLAWBACK))
                .extracting(LedgerEntry::points, LedgerEntry::lotId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(-50L, "e2"),
                        org.assertj.core.groups.Tuple.tuple(-250L, null));
        assertThat(s.ledger.balance(LedgerScript.at("2026-01-25")).available()).isEqualTo(-250);

        s.order("2026-02-01", "O2", "400.00");
        assertThat(s.ledger.balance(LedgerScript.at("2026-02-01")).pending()).isEqualTo(400);
        Balance settled = s.balance("2026-02-15");
        assertThat(settled.available()).isEqualTo(150);
        assertThat(settled.debt()).isZero();
        assertThat(s.ledger.lots.get("e5").remaining).isEqualTo(150);

        s.advance("2027-02-15");
        assertThat(s.entries).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EntryType.EXPIRE);
            assertThat(e.points()).isEqualTo(-150);
            assertThat(e.occurredAt()).isEqualTo(LedgerScript.at("2027-02-15"));
        });
        Balance end = s.balance("2027-03-01");
        assertThat(end.available()).isZero();
        assertThat(s.ledgerSum()).isZero();
        assertThat(end.expired()).isEqualTo(150);
        assertThat(end.redeemed()).isEqualTo(350);
        assertThat(end.lifetimeEarned()).isEqualTo(800);
    }

    @Test
    void exampleC_mergeMovesLotsAndTakesBackTheSecondWelcome() {
        LedgerScript p1 = new LedgerScript("P1", "a");
        LedgerScript p2 = new LedgerScript("P2", "b");
        p1.enroll("2026-01-01");
        p2.enroll("2026-01-02").order("2026-01-03", "O1", "200.00");
        long totalBefore = p1.ledgerSum() + p2.ledgerSum();
        assertThat(totalBefore).isEqualTo(400);

        java.time.Instant mergeAt = LedgerScript.at("2026-01-05");
        Merges.Out out = Merges.transferOut(p2.ledger, "merge:p5:P2", "P1", mergeAt, true, p2.rules());
        p2.record(out.step(), mergeAt);
        p1.record(Merges.transferIn(p1.ledger, out.transfer(), p1.rules()), mergeAt);

        assertThat(p2.ledgerSum()).as("the loser is empty").isZero();
        assertThat(p2.entries.stream().filter(e -> e.type() == EntryType.TRANSFER_OUT).mapToLong(LedgerEntry::points))
                .containsExactlyInAnyOrder(-100L, -200L);
        assertThat(p1.entries.stream().filter(e -> e.type() == EntryType.TRANSFER_IN).map(LedgerEntry::lotId))
                .containsExactlyInAnyOrder("b1:welcome", "b2");
        assertThat(p1.entries.stream().filter(e -> e.type() == EntryType.CLAWBACK))
                .singleElement().satisfies(e -> {
                    assertThat(e.points()).isEqualTo(-100);
                    assertThat(e.lotId()).as("the loser's own welcome lot first").isEqualTo("b1:welcome");
                });
        Balance b = p1.balance("2026-01-20");
        assertThat(b.available()).isEqualTo(300);
        assertThat(b.pending()).isZero();
        assertThat(p1.ledgerSum() + p2.ledgerSum()).as("only the clawback changed the total").isEqualTo(300);
        assertThat(p1.ledger.lots.get("b2").availableAt).isEqualTo(LedgerScript.at("2026-01-17"));
        assertThat(p1.ledger.orders).containsKey("O1");
    }
}
