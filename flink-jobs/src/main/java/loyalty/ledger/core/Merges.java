package loyalty.ledger.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import loyalty.ledger.rules.RuleSet;

/**
 * SPEC §3 merge effects on the ledger, in two halves so that each runs on its own member's state: the loser hands
 * over ({@link #transferOut}: TRANSFER_OUT of every lot's remaining points and of the debt), the survivor takes over
 * ({@link #transferIn}: TRANSFER_IN of the same lots with their dates, the debt, the counters and the history), then
 * takes back the second welcome bonus when both were enrolled and sets the tier. A merge changes no program-wide
 * total except through that clawback.
 */
public final class Merges {
    private Merges() {
    }

    public record Out(LedgerStep step, Transfer transfer) {
    }

    public static Out transferOut(MemberLedger loser, String mergeId, String survivorId, Instant at,
                                  boolean welcomeClawback, LedgerRules rules) {
        LedgerStep step = loser.advanceTo(at, rules);
        String version = rules.at(at).version();
        List<Lot> moved = new ArrayList<>();
        String welcomeLot = null;
        for (Lot lot : loser.lots.values()) {
            if (lot.type == EntryType.BONUS && lot.lotId.endsWith(":welcome")) {
                welcomeLot = lot.lotId;
            }
            // Expired lots move too (with nothing left, so without an entry): a redemption record that moves to the
            // survivor may name them, and its cancellation expires what it gives back to them.
            if (lot.remaining > 0 && !lot.expired) {
                step.add(loser.entry(mergeId + ":TRANSFER_OUT:" + lot.lotId, EntryType.TRANSFER_OUT, -lot.remaining,
                        lot, at, mergeId, version, List.of(), "merged into " + survivorId));
            }
            moved.add(lot);
        }
        if (loser.debt > 0) {
            step.add(loser.entry(mergeId + ":TRANSFER_OUT:debt", EntryType.TRANSFER_OUT, loser.debt, null, at, mergeId,
                    version, List.of(), "debt moved to " + survivorId));
        }
        Transfer transfer = new Transfer(mergeId, loser.memberId, survivorId, at, welcomeClawback, welcomeLot,
                List.copyOf(moved), loser.debt, loser.lifetimeEarned, loser.redeemed, loser.expired,
                loser.enrolledAt, loser.tier, loser.tierAchievedAt, new TreeMap<>(loser.orders),
                new TreeMap<>(loser.redemptions), new java.util.LinkedHashSet<>(loser.returnIds),
                new TreeMap<>(loser.unlinkedRefunds));
        moved.forEach(lot -> loser.lots.remove(lot.lotId));
        loser.debt = 0;
        loser.lifetimeEarned = 0;
        loser.redeemed = 0;
        loser.expired = 0;
        loser.orders.clear();
        loser.redemptions.clear();
        // The loser is merged away: no birthday, no tier review, nothing more earned on it (SPEC §3, §4).
        loser.birthDate = null;
        loser.tier = null;
        loser.tierAchievedAt = null;
        return new Out(step, transfer);
    }

    public static LedgerStep transferIn(MemberLedger survivor, Transfer t, LedgerRules rules) {
        LedgerStep step = survivor.advanceTo(t.at(), rules);
        RuleSet rs = rules.at(t.at());
        for (Lot lot : t.lots()) {
            if (lot.remaining > 0) {
                step.add(survivor.entry(t.mergeId() + ":TRANSFER_IN:" + lot.lotId, EntryType.TRANSFER_IN,
                        lot.remaining, lot, t.at(), t.mergeId(), rs.version(), List.of(),
                        "from " + t.fromMember()));
            }
            survivor.lots.put(lot.lotId, lot);
        }
        if (t.debt() > 0) {
            step.add(survivor.entry(t.mergeId() + ":TRANSFER_IN:debt", EntryType.TRANSFER_IN, -t.debt(), null,
                    t.at(), t.mergeId(), rs.version(), List.of(), "debt from " + t.fromMember()));
            survivor.debt += t.debt();
        }
        survivor.lifetimeEarned += t.lifetimeEarned();
        survivor.redeemed += t.redeemed();
        survivor.expired += t.expired();
        t.orders().forEach(survivor.orders::putIfAbsent);
        t.redemptions().forEach(survivor.redemptions::putIfAbsent);
        survivor.returnIds.addAll(t.returnIds());
        t.unlinkedRefunds().forEach((at, amount) -> survivor.unlinkedRefunds.merge(at, amount, BigDecimal::add));
        for (Lot lot : survivor.lots.values()) {
            if (lot.availableAt(t.at())) {
                survivor.settleDebt(lot);
            }
        }
        if (survivor.enrolledAt == null && t.enrolledAt() != null) {
            survivor.enrolledAt = t.enrolledAt();
        }
        if (t.welcomeClawback() && rs.bonuses().welcome() > 0) {
            Lot own = t.welcomeLotId() == null ? null : survivor.lots.get(t.welcomeLotId());
            Clawbacks.take(survivor, rs.bonuses().welcome(), own, t.at(), t.mergeId(), rs.version(),
                    "second welcome bonus of " + t.fromMember(), step);
        }
        mergedTier(survivor, t, rs, step);
        return step;
    }

    /** The higher of the two tiers and the one the combined spend earns; achieved now only if the spend earned it. */
    private static void mergedTier(MemberLedger survivor, Transfer t, RuleSet rs, LedgerStep step) {
        if (survivor.enrolledAt == null) {
            return;
        }
        String best = survivor.tier;
        Instant achieved = survivor.tierAchievedAt;
        if (t.tier() != null && rs.rank(t.tier()) > rs.rank(best)) {
            best = t.tier();
            achieved = t.tierAchievedAt();
        }
        RuleSet.Tier combined = rs.tierFor(survivor.qualifyingSpend(t.at(), rs));
        if (rs.rank(combined.name()) > rs.rank(best)) {
            best = combined.name();
            achieved = t.at();
        }
        if (best != null && (!best.equals(survivor.tier) || !achieved.equals(survivor.tierAchievedAt))) {
            step.add(new TierChange(survivor.program, survivor.memberId, survivor.tier, best, achieved, "merge",
                    t.mergeId(), survivor.qualifyingSpend(t.at(), rs)));
            survivor.tier = best;
            survivor.tierAchievedAt = achieved;
        }
    }

    static Map<String, Lot> copy(Map<String, Lot> lots) {
        return new TreeMap<>(lots);
    }
}
