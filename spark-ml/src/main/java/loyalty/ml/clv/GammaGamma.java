package loyalty.ml.clv;

import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * The Gamma-Gamma model of spend (Fader, Hardie &amp; Lee 2005, "RFM and CLV: using iso-value curves for customer
 * base analysis"; Fader &amp; Hardie's note "The Gamma-Gamma model of monetary value"): a customer's transactions are
 * Gamma(shape p, rate nu) around their own mean p/nu, and nu ~ Gamma(shape q, rate gamma) across customers. Spend is
 * assumed independent of the purchase process, so it combines with {@link BgNbd} into CLV.
 */
public record GammaGamma(double p, double q, double gamma) {
    public static final List<String> PARAMETERS = List.of("p", "q", "gamma");

    public GammaGamma {
        for (double v : new double[] {p, q, gamma}) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("Gamma-Gamma parameters must be positive and finite: p=" + p
                        + " q=" + q + " gamma=" + gamma);
            }
        }
    }

    /**
     * The customers the model is fitted on: those with repeat purchases (x &gt; 0) and a positive mean spend; the
     * first purchase carries no spend in the summaries, and the density has no mass at a zero mean.
     */
    public static List<CustomerSummary> fittable(Collection<CustomerSummary> customers) {
        return customers.stream().filter(c -> c.frequency() > 0 && c.monetaryValue() > 0).toList();
    }

    /**
     * The log-likelihood of the {@link #fittable} customers: the sum of the log density of the mean spend m of x
     * transactions (as lifetimes),
     * ln Gamma(px+q) - ln Gamma(px) - ln Gamma(q) + q ln gamma + (px-1) ln m + px ln x - (px+q) ln(gamma + x m).
     */
    public double logLikelihood(Collection<CustomerSummary> customers) {
        return Sample.of(fittable(customers)).logLikelihood(p, q, gamma);
    }

    /** Fits p, q, gamma by maximum likelihood on the {@link #fittable} customers, starting from all ones. */
    public static FitResult<GammaGamma> fit(Collection<CustomerSummary> customers) {
        List<CustomerSummary> used = fittable(customers);
        if (used.size() < PARAMETERS.size()) {
            throw new IllegalArgumentException("Gamma-Gamma needs customers with repeat purchases and a positive"
                    + " spend; there are " + used.size());
        }
        Sample sample = Sample.of(used);
        MaximumLikelihood.Optimum optimum = MaximumLikelihood.minimise(
                v -> -sample.logLikelihood(v[0], v[1], v[2]), new double[3]);
        double[] v = optimum.parameters();
        double[] se = optimum.standardErrors();
        return new FitResult<>(new GammaGamma(v[0], v[1], v[2]),
                List.of(new Estimate("p", v[0], se[0]), new Estimate("q", v[1], se[1]),
                        new Estimate("gamma", v[2], se[2])),
                -optimum.negLogLikelihood(), used.size(), optimum.evaluations(), optimum.converged());
    }

    /**
     * E[M | x, m]: the expected spend per future transaction of a customer whose x repeat transactions averaged m,
     * p (gamma + x m) / (p x + q - 1): a weighted mean of the population mean p gamma / (q - 1) and the customer's own
     * mean, the weight of the latter growing with x. For x = 0 it is the population mean. Needs q &gt; 1 (otherwise
     * the population mean is infinite).
     */
    public double expectedAverageSpend(CustomerSummary c) {
        if (!(q > 1)) {
            throw new IllegalStateException("q = " + q + " <= 1: the mean spend is not finite");
        }
        int x = c.frequency();
        return p * (gamma + x * c.monetaryValue()) / (p * x + q - 1);
    }

    /**
     * The customer's discounted lifetime value over {@code months} (as lifetimes' {@code customer_lifetime_value}):
     * the sum over months i = 1..months of the expected transactions in month i (the difference of BG/NBD's
     * cumulative expectations at i and i-1 months) times {@link #expectedAverageSpend}, divided by
     * (1 + monthlyDiscountRate)^i. A month is {@link TimeScale#unitsPerMonth()} of the models' time unit.
     */
    public double lifetimeValue(BgNbd transactions, CustomerSummary c, int months, double monthlyDiscountRate,
                                TimeScale scale) {
        if (months < 0 || !(monthlyDiscountRate > -1)) {
            throw new IllegalArgumentException("months must be 0 or more and the discount rate above -1: " + months
                    + ", " + monthlyDiscountRate);
        }
        double spend = expectedAverageSpend(c);
        double value = 0;
        double before = 0;
        for (int i = 1; i <= months; i++) {
            double cumulative = transactions.expectedTransactions(c, i * scale.unitsPerMonth());
            value += (cumulative - before) * spend / Math.pow(1 + monthlyDiscountRate, i);
            before = cumulative;
        }
        return value;
    }

    /**
     * Customers with their log mean spend precomputed, grouped by x: ln Gamma(px) and ln Gamma(px+q) depend on x
     * alone.
     */
    record Sample(int[] distinctX, int[][] members, double[] spend, double[] logSpend) {
        static Sample of(List<CustomerSummary> customers) {
            TreeMap<Integer, List<Integer>> byX = new TreeMap<>();
            for (int i = 0; i < customers.size(); i++) {
                byX.computeIfAbsent(customers.get(i).frequency(), x -> new ArrayList<>()).add(i);
            }
            int[] distinctX = byX.keySet().stream().mapToInt(Integer::intValue).toArray();
            int[][] members = byX.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                    .toArray(int[][]::new);
            double[] spend = customers.stream().mapToDouble(CustomerSummary::monetaryValue).toArray();
            double[] logSpend = customers.stream().mapToDouble(c -> Math.log(c.monetaryValue())).toArray();
            return new Sample(distinctX, members, spend, logSpend);
        }

        double logLikelihood(double p, double q, double gamma) {
            double lgQ = logGamma(q);
            double qLogGamma = q * Math.log(gamma);
            double sum = 0;
            for (int j = 0; j < distinctX.length; j++) {
                double x = distinctX[j];
                double px = p * x;
                double constant = logGamma(px + q) - logGamma(px) - lgQ + qLogGamma + px * Math.log(x);
                for (int i : members[j]) {
                    sum += constant + (px - 1) * logSpend[i] - (px + q) * Math.log(gamma + x * spend[i]);
                }
            }
            return sum;
        }
    }
}
