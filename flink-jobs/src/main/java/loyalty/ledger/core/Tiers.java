package loyalty.ledger.core;

import java.time.Instant;
import loyalty.ledger.rules.RuleSet;

/** SPEC §8: upgrade after an order, review at achieved_at + window, revocation on a linked return. */
final class Tiers {
    private Tiers() {
    }

    static void afterOrder(MemberLedger ledger, Instant t, String source, RuleSet rs, LedgerStep step) {
        RuleSet.Tier qualifies = rs.tierFor(ledger.qualifyingSpend(t, rs));
        if (rs.rank(qualifies.name()) > rs.rank(ledger.tier)) {
            ledger.setTier(qualifies.name(), t, "upgrade", source, rs, step);
        }
    }

    static void afterReturn(MemberLedger ledger, OrderRecord order, Instant t, String source, RuleSet rs,
                            LedgerStep step) {
        if (ledger.tierAchievedAt == null || ledger.tierAchievedAt.isBefore(order.occurredAt)) {
            return;
        }
        RuleSet.Tier qualifies = rs.tierFor(ledger.qualifyingSpend(t, rs));
        if (rs.rank(qualifies.name()) < rs.rank(ledger.tier)) {
            ledger.setTier(qualifies.name(), t, "return", source, rs, step);
        }
    }

    static void review(MemberLedger ledger, Instant at, RuleSet rs, LedgerStep step) {
        ledger.setTier(rs.tierFor(ledger.qualifyingSpend(at, rs)).name(), at, "review", "review:" + at, rs, step);
    }
}
