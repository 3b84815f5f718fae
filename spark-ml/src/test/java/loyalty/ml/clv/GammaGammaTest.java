package loyalty.ml.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;

class GammaGammaTest {
    /** The published CDNOW estimates. */
    static final GammaGamma CDNOW = new GammaGamma(6.25, 3.74, 15.44);

    static final List<CustomerSummary> HAND_MADE = List.of(new CustomerSummary("a", 1, 1, 2, 20),
            new CustomerSummary("b", 2, 1, 2, 35.5), new CustomerSummary("c", 5, 1, 2, 12.25),
            new CustomerSummary("d", 10, 1, 2, 80), new CustomerSummary("e", 3, 1, 2, 1.0));

    /**
     * The density of a mean spend m over x transactions straight from the model's story, by integrating over the
     * customer's rate nu: the mean of x Gamma(p, rate nu) purchases is Gamma(px, rate nu x), and nu ~ Gamma(q, rate
     * gamma).
     */
    static double densityByIntegration(GammaGamma g, CustomerSummary c) {
        int x = c.frequency();
        GammaDistribution rates = new GammaDistribution(g.q(), 1 / g.gamma());
        double upper = (g.q() + 30 * Math.sqrt(g.q()) + 30) / g.gamma();
        return Integrals.integrate(nu -> nu <= 0 ? 0
                : new GammaDistribution(g.p() * x, 1 / (nu * x)).density(c.monetaryValue()) * rates.density(nu),
                0, upper, 400);
    }

    @Test
    void theLogLikelihoodEqualsTheIntegratedDensity() {
        for (GammaGamma g : List.of(CDNOW, new GammaGamma(2, 5, 50))) {
            double expected = HAND_MADE.stream().mapToDouble(c -> Math.log(densityByIntegration(g, c))).sum();
            assertThat(g.logLikelihood(HAND_MADE)).as("%s", g).isCloseTo(expected, within(1e-8));
        }
    }

    @Test
    void onlyRepeatCustomersWithSpendAreFitted() {
        List<CustomerSummary> mixed = List.of(new CustomerSummary("new", 0, 0, 5, 0),
                new CustomerSummary("free", 2, 1, 5, 0), new CustomerSummary("buyer", 2, 1, 5, 10));
        assertThat(GammaGamma.fittable(mixed)).extracting(CustomerSummary::customerId).containsExactly("buyer");
        assertThat(CDNOW.logLikelihood(mixed)).isEqualTo(CDNOW.logLikelihood(List.of(mixed.get(2))));
        assertThatThrownBy(() -> GammaGamma.fit(mixed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("there are 1");
    }

    @Test
    void expectedSpendWeighsThePopulationMeanAgainstTheCustomersOwn() {
        double populationMean = 6.25 * 15.44 / (3.74 - 1);
        assertThat(CDNOW.expectedAverageSpend(new CustomerSummary("new", 0, 0, 5, 0)))
                .isCloseTo(populationMean, within(1e-12));
        // x = 2, m = 30: weight px / (px + q - 1) = 12.5 / 15.24 on the customer's own mean
        double w = 12.5 / 15.24;
        assertThat(CDNOW.expectedAverageSpend(new CustomerSummary("c", 2, 10, 20, 30)))
                .isCloseTo((1 - w) * populationMean + w * 30, within(1e-12));
        assertThatThrownBy(() -> new GammaGamma(2, 0.9, 10).expectedAverageSpend(HAND_MADE.get(0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("q = 0.9");
    }

    @Test
    void undiscountedLifetimeValueIsSpendTimesTheTransactionsOfTheWholeHorizon() {
        CustomerSummary c = new CustomerSummary("c", 3, 20, 30, 25);
        double spend = CDNOW.expectedAverageSpend(c);
        double year = BgNbdTest.CDNOW.expectedTransactions(c, 12 * 4.345);
        assertThat(CDNOW.lifetimeValue(BgNbdTest.CDNOW, c, 12, 0, TimeScale.WEEK))
                .isCloseTo(year * spend, within(1e-12 * year * spend));
    }

    @Test
    void eachMonthIsDiscountedByItsDistance() {
        CustomerSummary c = new CustomerSummary("c", 3, 20, 30, 25);
        double spend = CDNOW.expectedAverageSpend(c);
        double first = BgNbdTest.CDNOW.expectedTransactions(c, 4.345);
        double second = BgNbdTest.CDNOW.expectedTransactions(c, 2 * 4.345) - first;
        assertThat(CDNOW.lifetimeValue(BgNbdTest.CDNOW, c, 2, 0.01, TimeScale.WEEK))
                .isCloseTo(spend * (first / 1.01 + second / (1.01 * 1.01)), within(1e-12));
        // in days a month is 30 days: the same customer in days, with alpha in days
        BgNbd inDays = new BgNbd(0.243, 4.414 * 7, 0.793, 2.426);
        CustomerSummary cDays = new CustomerSummary("c", 3, 140, 210, 25);
        assertThat(CDNOW.lifetimeValue(inDays, cDays, 1, 0.01, TimeScale.DAY))
                .isCloseTo(spend * inDays.expectedTransactions(cDays, 30) / 1.01, within(1e-12));
    }
}
