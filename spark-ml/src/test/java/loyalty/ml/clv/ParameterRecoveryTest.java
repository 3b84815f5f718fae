package loyalty.ml.clv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/**
 * Fits on customers simulated from known parameters recover them. The tolerance is what the sample size justifies:
 * each estimate within 4 of its standard errors (from the Hessian; the last test checks those against the spread of
 * estimates over replicates), which a correct fit misses with probability 6e-5 per parameter, and jointly a
 * likelihood-ratio statistic 2 (LL(fit) - LL(truth)) between 0 (the optimiser found at least the truth's likelihood)
 * and the chi-squared 99.9 % quantile. At these sizes one standard error is 2-4 % of r and alpha and 5-15 % of a, b
 * and the Gamma-Gamma parameters, so a wrong term in a likelihood, which biases estimates by far more, fails.
 * Seeded, so the run is deterministic; the recovered values are printed to the test's output file.
 */
class ParameterRecoveryTest {
    static final BgNbd CDNOW = BgNbdTest.CDNOW;
    /** A daily model: customers who buy about monthly, a third of them gone within a year. */
    static final BgNbd DAILY = new BgNbd(0.8, 60, 0.5, 4);
    static final GammaGamma SPEND = GammaGammaTest.CDNOW;

    @Test
    void theCdnowBgNbdParametersAreRecovered() {
        // ages of 27-39 weeks as in CDNOW (acquired over 12 weeks, observed to week 39), 4x its 2,357 customers
        List<CustomerSummary> customers = Simulated.bgNbd(CDNOW, 10_000, 27, 39, 1);
        assertRecovered("BG/NBD CDNOW", BgNbd.fit(customers), new double[] {0.243, 4.414, 0.793, 2.426},
                CDNOW.logLikelihood(customers));
    }

    @Test
    void aDailyBgNbdModelIsRecovered() {
        List<CustomerSummary> customers = Simulated.bgNbd(DAILY, 5_000, 180, 730, 2);
        assertRecovered("BG/NBD daily", BgNbd.fit(customers), new double[] {0.8, 60, 0.5, 4},
                DAILY.logLikelihood(customers));
    }

    @Test
    void theCdnowGammaGammaParametersAreRecovered() {
        // 1-10 repeat purchases each; p and gamma are strongly correlated, hence the larger sample
        List<CustomerSummary> customers = Simulated.gammaGamma(SPEND, 10_000, 10, 3);
        assertRecovered("Gamma-Gamma CDNOW", GammaGamma.fit(customers), new double[] {6.25, 3.74, 15.44},
                SPEND.logLikelihood(customers));
    }

    @Test
    void standardErrorsMatchTheSpreadOfEstimatesOverReplicates() {
        // 40 replicates estimate a standard deviation to about 11 %; the mean standard error must be within 30 % of
        // it (BG/NBD's b is skewed at this size, its curvature-based error runs about 20 % above its spread)
        assertCalibrated("BG/NBD", seed -> BgNbd.fit(Simulated.bgNbd(CDNOW, 2_000, 27, 39, 100 + seed)));
        assertCalibrated("Gamma-Gamma", seed -> GammaGamma.fit(Simulated.gammaGamma(SPEND, 2_000, 10, 200 + seed)));
    }

    static void assertRecovered(String name, FitResult<?> fit, double[] truth, double truthLogLikelihood) {
        System.out.printf(Locale.ROOT, "%s: %d customers, log-likelihood %.2f (truth %.2f), %d evaluations%n", name,
                fit.customers(), fit.logLikelihood(), truthLogLikelihood, fit.evaluations());
        assertThat(fit.converged()).as(name + " converged").isTrue();
        for (int i = 0; i < truth.length; i++) {
            Estimate e = fit.estimates().get(i);
            System.out.printf(Locale.ROOT, "  %-6s true %8.4f  fitted %8.4f  se %7.4f  (%+.2f se)%n", e.name(),
                    truth[i], e.value(), e.standardError(), (e.value() - truth[i]) / e.standardError());
            assertThat(e.standardError()).as(name + " se of " + e.name()).isPositive();
            assertThat(Math.abs(e.value() - truth[i])).as(name + " " + e.name())
                    .isLessThanOrEqualTo(4 * e.standardError());
        }
        double lr = 2 * (fit.logLikelihood() - truthLogLikelihood);
        assertThat(lr).as(name + " likelihood ratio").isBetween(0.0,
                new ChiSquaredDistribution(truth.length).inverseCumulativeProbability(0.999));
    }

    static void assertCalibrated(String name, Function<Integer, FitResult<?>> fitOfSeed) {
        int replicates = 40;
        int k = fitOfSeed.apply(0).estimates().size();
        double[][] values = new double[k][replicates];
        double[] meanError = new double[k];
        for (int s = 0; s < replicates; s++) {
            List<Estimate> estimates = fitOfSeed.apply(s).estimates();
            for (int i = 0; i < k; i++) {
                values[i][s] = estimates.get(i).value();
                meanError[i] += estimates.get(i).standardError() / replicates;
            }
        }
        for (int i = 0; i < k; i++) {
            double mean = java.util.Arrays.stream(values[i]).average().orElseThrow();
            double spread = Math.sqrt(java.util.Arrays.stream(values[i]).map(v -> (v - mean) * (v - mean)).sum()
                    / (replicates - 1));
            System.out.printf(Locale.ROOT, "%s replicates: param %d mean %.4f sd %.4f mean se %.4f%n", name, i, mean,
                    spread, meanError[i]);
            assertThat(meanError[i] / spread).as(name + " param " + i + " se / sd").isBetween(0.7, 1.3);
        }
    }
}
