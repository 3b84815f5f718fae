package loyalty.ml.clv;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One customer's history as the BG/NBD and Gamma-Gamma models see it, in a {@link TimeScale}: frequency x = the
 * number of repeat transactions (all but the first), recency t_x = time from the first to the last transaction,
 * age T = time from the first transaction to the cutoff, and the mean amount of the repeat transactions (0 when
 * x = 0). The first transaction only marks when the customer was acquired, so the papers leave it out of x and of
 * the mean spend.
 */
public record CustomerSummary(String customerId, int frequency, double recency, double age, double monetaryValue) {
    public CustomerSummary {
        if (frequency < 0 || !(recency >= 0) || !(age >= recency) || (frequency == 0 && recency != 0)
                || !(monetaryValue >= 0)) {
            throw new IllegalArgumentException("inconsistent summary for " + customerId + ": x=" + frequency
                    + " t_x=" + recency + " T=" + age + " m=" + monetaryValue);
        }
    }

    /** The summary without an id or spend: enough for BG/NBD. */
    public static CustomerSummary of(int frequency, double recency, double age) {
        return new CustomerSummary("", frequency, recency, age, 0);
    }

    /**
     * Summaries of the calibration period, one per customer with a purchase on or before {@code cutoff}, ordered by
     * customer id; later purchases are ignored, so nothing after the cutoff leaks in. Several purchases of one
     * customer on one day are one transaction with the amounts summed (the papers' and lifetimes' rule), and T runs
     * from the first purchase to the cutoff day, as lifetimes' {@code summary_data_from_transaction_data}.
     */
    public static List<CustomerSummary> fromTransactions(Collection<Transaction> transactions, LocalDate cutoff,
                                                         TimeScale scale) {
        Map<String, TreeMap<LocalDate, BigDecimal>> days = new TreeMap<>();
        for (Transaction t : transactions) {
            if (!t.date().isAfter(cutoff)) {
                days.computeIfAbsent(t.customerId(), id -> new TreeMap<>()).merge(t.date(), t.amount(), BigDecimal::add);
            }
        }
        List<CustomerSummary> summaries = new ArrayList<>(days.size());
        days.forEach((id, byDay) -> {
            LocalDate first = byDay.firstKey();
            LocalDate last = byDay.lastKey();
            int repeat = byDay.size() - 1;
            BigDecimal repeatSpend = byDay.tailMap(first, false).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            double mean = repeat == 0 ? 0
                    : repeatSpend.divide(BigDecimal.valueOf(repeat), MathContext.DECIMAL64).doubleValue();
            summaries.add(new CustomerSummary(id, repeat, scale.of(ChronoUnit.DAYS.between(first, last)),
                    scale.of(ChronoUnit.DAYS.between(first, cutoff)), mean));
        });
        return summaries;
    }
}
