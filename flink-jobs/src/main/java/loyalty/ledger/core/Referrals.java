package loyalty.ledger.core;

import java.time.ZoneOffset;
import java.util.List;
import loyalty.ledger.rules.RuleSet;

/**
 * The referrer's half of SPEC §4 and §13.11: the bonus is available at once, not taken back on a return, capped
 * per calendar year of the referee's order; self-referral and a referrer not enrolled get nothing.
 */
public final class Referrals {
    private Referrals() {
    }

    public static LedgerStep credit(MemberLedger referrer, ReferralDue due, LedgerRules rules) {
        LedgerStep step = referrer.advanceTo(due.at(), rules);
        RuleSet rs = rules.at(due.at());
        if (referrer.memberId.equals(due.refereeId())) {
            step.note("self-referral ignored");
            return step;
        }
        if (referrer.enrolledAt == null) {
            step.note("referrer not enrolled");
            return step;
        }
        int year = due.at().atOffset(ZoneOffset.UTC).getYear();
        int paid = referrer.referralBonusYears.getOrDefault(year, 0);
        RuleSet.Referral referral = rs.bonuses().referral();
        if (referral == null || referral.points() <= 0 || paid >= referral.maxPerYear()) {
            step.note("referral cap of " + (referral == null ? 0 : referral.maxPerYear()) + " per year reached");
            return step;
        }
        referrer.referralBonusYears.put(year, paid + 1);
        referrer.referralBonusYears.keySet().removeIf(y -> y < year - 1);
        String id = due.eventId() + ":referral";
        Lot lot = referrer.newLot(id, EntryType.BONUS, referral.points(), due.at(), due.at(), rs, due.eventId());
        step.add(referrer.entry(id + ":BONUS", EntryType.BONUS, referral.points(), lot, due.at(), due.eventId(),
                rs.version(), List.of(), "referral of " + due.refereeId()));
        referrer.lifetimeEarned += referral.points();
        referrer.settleDebt(lot);
        return step;
    }
}
