package loyalty.ml.clv;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * Both models fitted on one file's transactions as of a cutoff: what {@link FitTables} prints and {@link FitJson}
 * writes.
 *
 * @param source       the file, as the user named it
 * @param transactions rows read (before the cutoff drops any)
 * @param customers    customers with a purchase on or before the cutoff (the BG/NBD's; Gamma-Gamma's are in
 *                     {@code spend.customers()})
 * @param seconds      wall time of the two fits
 */
public record ClvFit(String source, LocalDate cutoff, TimeScale scale, int transactions, int customers,
                     FitResult<BgNbd> purchases, FitResult<GammaGamma> spend, double seconds) {

    /**
     * @param cutoff null: the last date in {@code rows}
     * @throws FitInputException when no purchase is on or before the cutoff, or too few customers bought twice
     */
    public static ClvFit of(String source, List<Transaction> rows, LocalDate cutoff, TimeScale scale) {
        LocalDate end = cutoff != null ? cutoff
                : rows.stream().map(Transaction::date).max(Comparator.naturalOrder())
                        .orElseThrow(() -> new FitInputException("no transaction in " + source + "."));
        List<CustomerSummary> customers = CustomerSummary.fromTransactions(rows, end, scale);
        if (customers.isEmpty()) {
            throw new FitInputException("no purchase in " + source + " is on or before the cutoff " + end
                    + ": choose a later --cutoff.");
        }
        int repeat = GammaGamma.fittable(customers).size();
        if (repeat < GammaGamma.PARAMETERS.size()) {
            throw new FitInputException("Gamma-Gamma cannot be fitted: it needs at least "
                    + GammaGamma.PARAMETERS.size() + " customers who bought on two days or more, with a positive"
                    + " spend, on or before the cutoff " + end + "; " + source + " has " + repeat + ".");
        }
        long start = System.nanoTime();
        FitResult<BgNbd> purchases = BgNbd.fit(customers);
        FitResult<GammaGamma> spend = GammaGamma.fit(customers);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ClvFit(source, end, scale, rows.size(), customers.size(), purchases, spend, seconds);
    }
}
