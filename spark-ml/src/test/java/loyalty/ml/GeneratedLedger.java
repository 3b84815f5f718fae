package loyalty.ml;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import loyalty.generator.plan.Account;
import loyalty.generator.plan.Engagement;
import loyalty.generator.plan.ProgramPlan;
import loyalty.generator.plan.Purchase;
import loyalty.generator.plan.Redemption;
import loyalty.generator.plan.Refund;

/**
 * The tables the pipeline would write for a generated program, written straight from the generator's plan. A
 * shortcut, documented: identity resolution is skipped (each true person is one member, {@code M-<person id>}, so
 * there are no merges), and the ledger is simplified (1 point per whole currency unit on EARN, 25 per engagement as
 * BONUS, a CLAWBACK of the refunded amount on the order's lot, APPROVED requests the generator's estimate covers
 * as REDEEM without lot consumption, BASE tier at enrollment and SILVER from 1,000 spent). The features only need
 * these shapes; the ledger's own rules are tested in flink-jobs.
 */
public final class GeneratedLedger {
    private static final Duration LOT_LIFE = Duration.ofDays(365);
    private static final long ENGAGEMENT_POINTS = 25;
    private static final BigDecimal SILVER = new BigDecimal("1000");

    private GeneratedLedger() {
    }

    public static LakehouseRows rows(ProgramPlan plan) {
        LakehouseRows rows = new LakehouseRows();
        Map<String, Instant> enrolled = new TreeMap<>();
        for (Account account : plan.accounts()) {
            if (account.person() != null) {
                enrolled.merge(account.person().id(), account.createdAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<Purchase> completed = plan.purchases().stream().filter(Purchase::completed)
                .sorted(Comparator.comparing(Purchase::completedAt)).toList();
        for (Purchase p : completed) {
            enrolled.merge(p.person().id(), p.completedAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        enrolled.forEach((person, at) -> rows.member(member(person), at).tier(member(person), null, "BASE", at));
        Map<String, BigDecimal> spent = new HashMap<>();
        for (Purchase p : completed) {
            String id = "o-" + p.seq();
            rows.order(member(p.person().id()), id, p.completedAt(), p.amount().toPlainString(),
                    p.channel().name().toLowerCase(Locale.ROOT), p.completedAt().plus(LOT_LIFE));
            BigDecimal before = spent.getOrDefault(p.person().id(), BigDecimal.ZERO);
            BigDecimal after = before.add(p.amount());
            spent.put(p.person().id(), after);
            if (before.compareTo(SILVER) < 0 && after.compareTo(SILVER) >= 0) {
                rows.tier(member(p.person().id()), "BASE", "SILVER", p.completedAt());
            }
        }
        for (Refund r : plan.refunds()) {
            String id = "r-" + r.seq();
            rows.event(id, "order.returned", r.at(), "{}")
                    .entry(member(r.purchase().person().id()), "CLAWBACK", -r.amount().longValue(),
                            "o-" + r.purchase().seq(), r.at(), id, null);
        }
        for (Engagement e : plan.engagements()) {
            if (!enrolled.containsKey(e.person().id())) {
                continue;
            }
            String id = "g-" + e.seq();
            rows.event(id, "engagement.recorded", e.at(), "{}")
                    .entry(member(e.person().id()), "BONUS", ENGAGEMENT_POINTS, id, e.at(), id, e.at().plus(LOT_LIFE));
        }
        for (Redemption r : plan.redemptions()) {
            if (!enrolled.containsKey(r.person().id())) {
                continue;
            }
            String id = "rd-" + r.seq();
            boolean approved = !r.exceedsEstimate();
            rows.redemption(member(r.person().id()), id, approved ? "APPROVED" : "REJECTED", r.points(), r.at());
            if (approved) {
                rows.entry(member(r.person().id()), "REDEEM", -r.points(), null, r.at(), id, null);
            }
        }
        return rows;
    }

    public static String member(String personId) {
        return "M-" + personId;
    }
}
