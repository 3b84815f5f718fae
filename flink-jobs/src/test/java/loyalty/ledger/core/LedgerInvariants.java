package loyalty.ledger.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The SPEC §11 invariants of a member's ledger, "for every member at every point", as the tests check them after
 * each step: by the scripts ({@link LedgerScript}), over generated data and by the property tests.
 */
final class LedgerInvariants {
    private LedgerInvariants() {
    }

    /**
     * After the member's ledger has been brought to {@code t}: its entries (picked out of {@code entries} by member id)
     * sum to available + pending; every lot holds between 0 and its points; debt is never negative and, since it is
     * settled from any point that becomes available (SPEC §13.8), never stands beside available points.
     */
    static void holdFor(MemberLedger m, Instant t, Collection<LedgerEntry> entries) {
        long sum = entries.stream().filter(e -> m.memberId.equals(e.memberId())).mapToLong(LedgerEntry::points).sum();
        Balance b = m.balance(t);
        assertThat(sum).as("SPEC §11: Σ ledger points of %s = available + pending at %s", m.memberId, t)
                .isEqualTo(b.available() + b.pending());
        assertThat(m.lots.values()).as("no lot's remaining is negative or above its points (%s at %s)", m.memberId, t)
                .allMatch(l -> l.remaining >= 0 && l.remaining <= l.points);
        assertThat(m.debt).as("debt of %s at %s", m.memberId, t).isNotNegative();
        if (m.debt > 0) {
            assertThat(b.available()).as("debt is settled before anything else uses available points (%s at %s)",
                    m.memberId, t).isEqualTo(-m.debt);
        }
    }

    /** SPEC §1: each input event affects the ledger at most once, so no entry id is written twice. */
    static void entryIdsUnique(Collection<LedgerEntry> entries) {
        Set<String> seen = new HashSet<>();
        assertThat(entries).as("entry ids unique").allMatch(e -> seen.add(e.entryId()));
    }

    /** SPEC §7: an approved redemption never exceeds what was available, and a repeat debits nothing again. */
    static void approvedWithinAvailable(Collection<RedemptionOutcome> outcomes) {
        assertThat(outcomes).filteredOn(o -> RedemptionOutcome.APPROVED.equals(o.status()) && o.repeatOf() == null)
                .as("approved redemptions within what was available")
                .allMatch(o -> o.availableBefore() != null && o.points() <= o.availableBefore());
    }

    /**
     * SPEC §13.19 counters of a member that never took part in a merge (a merge moves counters, not entries):
     * lifetime_earned = EARN + BONUS + positive ADJUST; redeemed = REDEEM net of REDEEM_REVERSAL; expired = EXPIRE;
     * and redeemed ≤ lifetime_earned.
     */
    static void countersMatchEntries(MemberLedger m, Collection<LedgerEntry> entries) {
        long earned = 0;
        long redeemed = 0;
        long expired = 0;
        for (LedgerEntry e : entries) {
            if (!m.memberId.equals(e.memberId())) {
                continue;
            }
            switch (e.type()) {
                case EARN, BONUS -> earned += e.points();
                case ADJUST -> earned += Math.max(0, e.points());
                case REDEEM, REDEEM_REVERSAL -> redeemed -= e.points();
                case EXPIRE -> expired -= e.points();
                default -> {
                }
            }
        }
        assertThat(m.lifetimeEarned).as("lifetime_earned of %s", m.memberId).isEqualTo(earned);
        assertThat(m.redeemed).as("redeemed of %s", m.memberId).isEqualTo(redeemed);
        assertThat(m.expired).as("expired of %s", m.memberId).isEqualTo(expired);
        assertThat(m.redeemed).as("redeemed ≤ lifetime_earned (%s)", m.memberId).isLessThanOrEqualTo(m.lifetimeEarned);
    }
}
