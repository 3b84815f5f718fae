package loyalty.ml.clv;

import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"): while alive, a customer
 * buys at a Poisson rate lambda ~ Gamma(shape r, rate alpha); after each repeat purchase they drop out for good with
 * probability p ~ Beta(a, b). Time is in the unit of the summaries it is fitted on (alpha scales with it).
 */
public record BgNbd(double r, double alpha, double a, double b) {
    public static final List<String> PARAMETERS = List.of("r", "alpha", "a", "b");

    public BgNbd {
        for (double v : new double[] {r, alpha, a, b}) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("BG/NBD parameters must be positive and finite: r=" + r
                        + " alpha=" + alpha + " a=" + a + " b=" + b);
            }
        }
    }

    /**
     * The log-likelihood of the customers: the sum of ln L(r, alpha, a, b | x, t_x, T) with (paper, eq. 6)
     * L = B(a, b+x)/B(a, b) Gamma(r+x) alpha^r / (Gamma(r) (alpha+T)^(r+x))
     *   + [x &gt; 0] B(a+1, b+x-1)/B(a, b) Gamma(r+x) alpha^r / (Gamma(r) (alpha+t_x)^(r+x)),
     * computed as lifetimes does: log-gamma for the gamma and beta functions, and the log of the two terms' sum as a
     * log-sum-exp, so that neither (alpha+T)^(r+x) nor the gamma functions overflow for frequent buyers.
     */
    public double logLikelihood(Collection<CustomerSummary> customers) {
        return Sample.of(customers).logLikelihood(r, alpha, a, b);
    }

    /** Fits r, alpha, a, b by maximum likelihood (see {@link MaximumLikelihood}), starting from all ones. */
    public static FitResult<BgNbd> fit(Collection<CustomerSummary> customers) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("BG/NBD needs at least one customer");
        }
        Sample sample = Sample.of(customers);
        MaximumLikelihood.Optimum optimum = MaximumLikelihood.minimise(
                p -> -sample.logLikelihood(p[0], p[1], p[2], p[3]), new double[4]);
        double[] p = optimum.parameters();
        BgNbd model = new BgNbd(p[0], p[1], p[2], p[3]);
        List<Estimate> estimates = List.of(new Estimate("r", p[0], optimum.standardErrors()[0]),
                new Estimate("alpha", p[1], optimum.standardErrors()[1]),
                new Estimate("a", p[2], optimum.standardErrors()[2]),
                new Estimate("b", p[3], optimum.standardErrors()[3]));
        return new FitResult<>(model, estimates, -optimum.negLogLikelihood(), customers.size(),
                optimum.evaluations(), optimum.converged());
    }

    /**
     * P(alive at T | x, t_x, T) = 1 / (1 + [x &gt; 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)) (paper, eq. 11). A
     * customer without repeat purchases counts as alive, since in BG/NBD one can only drop out right after a
     * purchase (lifetimes returns 1 too).
     */
    public double probabilityAlive(CustomerSummary c) {
        if (c.frequency() == 0) {
            return 1.0;
        }
        int x = c.frequency();
        double logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + c.age()) / (alpha + c.recency()));
        return 1 / (1 + Math.exp(logOdds));
    }

    /**
     * E[Y(t) | x, t_x, T]: the expected number of transactions in the next {@code t} time units after the cutoff, of
     * a customer with this history (paper, eq. 10):
     * (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))] P(alive).
     * Where 2F1's series would converge slowly (its a+b-c = r+x+1-a is large for frequent buyers, and the function
     * itself then grows like (1-z)^-(r+x+1-a)), Euler's transformation is used:
     * (1-z)^(r+x) 2F1(r+x, b+x; c; z) = (1-z)^(a-1) 2F1(a+b-1-r, a-1; c; z), whose series converges fast and whose
     * value stays near 1 (lifetimes falls back to the same identity when the direct form overflows).
     * At a = 1 the formula is 0/0; there the value is taken as the mean of a = 1 ± 1e-6, exact to about 1e-9.
     */
    public double expectedTransactions(CustomerSummary c, double t) {
        return conditionalExpectation(c.frequency(), c.age(), t) * probabilityAlive(c);
    }

    /**
     * E[X(t)]: the expected number of repeat transactions in the first {@code t} time units of a customer just
     * acquired (paper, eq. 7), (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]: the
     * conditional expectation at x = t_x = T = 0. Needs a + b != 1 (2F1 has a pole at c = 0).
     */
    public double expectedTransactionsNewCustomer(double t) {
        return conditionalExpectation(0, 0, t);
    }

    /** The first factor of eq. 10, (a+b+x-1)/(a-1) (1 - G), without P(alive). */
    private double conditionalExpectation(int x, double age, double t) {
        if (!(t >= 0)) {
            throw new IllegalArgumentException("the horizon must be 0 or more: " + t);
        }
        if (t == 0) {
            return 0;
        }
        if (Math.abs(a - 1) < 1e-6) {
            return (firstFactor(x, age, t, 1 - 1e-6) + firstFactor(x, age, t, 1 + 1e-6)) / 2;
        }
        return firstFactor(x, age, t, a);
    }

    private double firstFactor(int x, double age, double t, double a) {
        double c = a + b + x - 1;
        double z = t / (alpha + age + t);
        double log1mz = -Math.log1p(t / (alpha + age));
        double g;
        if (c - (r + x) - (b + x) < 0) {
            g = Math.exp((a - 1) * log1mz) * Hypergeometric.hyp2f1(a + b - 1 - r, a - 1, c, z);
        } else {
            g = Math.exp((r + x) * log1mz) * Hypergeometric.hyp2f1(r + x, b + x, c, z);
        }
        return c / (a - 1) * (1 - g);
    }

    /**
     * The customers reduced to distinct (x, t_x, T) with counts, and to distinct x: the gamma functions depend on x
     * alone, so each evaluation calls log-gamma a few times per distinct x, not per customer.
     */
    record Sample(int[] distinctX, int[] xIndex, double[] recency, double[] age, double[] weight) {
        static Sample of(Collection<CustomerSummary> customers) {
            record Key(int x, double tx, double age) {
            }
            Map<Key, Integer> counts = new HashMap<>();
            for (CustomerSummary c : customers) {
                counts.merge(new Key(c.frequency(), c.recency(), c.age()), 1, Integer::sum);
            }
            int[] distinctX = counts.keySet().stream().mapToInt(Key::x).distinct().sorted().toArray();
            Map<Integer, Integer> position = new HashMap<>();
            for (int i = 0; i < distinctX.length; i++) {
                position.put(distinctX[i], i);
            }
            int n = counts.size();
            int[] xIndex = new int[n];
            double[] recency = new double[n];
            double[] age = new double[n];
            double[] weight = new double[n];
            int i = 0;
            for (Map.Entry<Key, Integer> e : counts.entrySet()) {
                xIndex[i] = position.get(e.getKey().x());
                recency[i] = e.getKey().tx();
                age[i] = e.getKey().age();
                weight[i] = e.getValue();
                i++;
            }
            return new Sample(distinctX, xIndex, recency, age, weight);
        }

        double logLikelihood(double r, double alpha, double a, double b) {
            int k = distinctX.length;
            double[] a1a2 = new double[k];
            double[] logDropout = new double[k];
            double lgR = logGamma(r);
            double lgB = logGamma(b);
            double lgAB = logGamma(a + b);
            double rLogAlpha = r * Math.log(alpha);
            for (int j = 0; j < k; j++) {
                int x = distinctX[j];
                a1a2[j] = logGamma(r + x) - lgR + rLogAlpha + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x);
                logDropout[j] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : Double.NaN;
            }
            double sum = 0;
            for (int i = 0; i < xIndex.length; i++) {
                int j = xIndex[i];
                int x = distinctX[j];
                double a3 = -(r + x) * Math.log(alpha + age[i]);
                double ll;
                if (x == 0) {
                    ll = a1a2[j] + a3;
                } else {
                    double a4 = logDropout[j] - (r + x) * Math.log(alpha + recency[i]);
                    double max = Math.max(a3, a4);
                    ll = a1a2[j] + max + Math.log(Math.exp(a3 - max) + Math.exp(a4 - max));
                }
                sum += weight[i] * ll;
            }
            return sum;
        }
    }
}
