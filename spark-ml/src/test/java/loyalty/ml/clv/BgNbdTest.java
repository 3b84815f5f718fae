package loyalty.ml.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BgNbdTest {
    /** The published CDNOW estimates (weeks). */
    static final BgNbd CDNOW = new BgNbd(0.243, 4.414, 0.793, 2.426);
    /** A model whose a &gt; 1 + r, so that 2F1 is summed directly (not through Euler's transformation) for x = 0. */
    static final BgNbd STEADY = new BgNbd(0.5, 10, 2.5, 6);

    static final List<CustomerSummary> HAND_MADE = List.of(CustomerSummary.of(0, 0, 10),
            CustomerSummary.of(1, 5, 10), CustomerSummary.of(3, 8.5, 12), CustomerSummary.of(7, 20, 25.5),
            CustomerSummary.of(2, 1, 3), CustomerSummary.of(0, 0, 0));

    /**
     * The paper's eq. 6, L = A + [x &gt; 0] B, evaluated as plain products with no logarithm and no gamma function:
     * Gamma(r+x)/Gamma(r) = r (r+1) ... (r+x-1) and B(a, b+x)/B(a, b) = prod_j (b+j)/(a+b+j).
     */
    static double directLikelihood(BgNbd m, CustomerSummary c) {
        int x = c.frequency();
        double purchasesAtT = Math.pow(m.alpha() / (m.alpha() + c.age()), m.r());
        double purchasesAtTx = Math.pow(m.alpha() / (m.alpha() + c.recency()), m.r());
        double aliveBeta = 1;
        for (int j = 0; j < x; j++) {
            purchasesAtT *= (m.r() + j) / (m.alpha() + c.age());
            purchasesAtTx *= (m.r() + j) / (m.alpha() + c.recency());
            aliveBeta *= (m.b() + j) / (m.a() + m.b() + j);
        }
        // B(a+1, b+x-1)/B(a, b) = B(a, b+x)/B(a, b) * a/(b+x-1)
        double dropoutBeta = x == 0 ? 0 : aliveBeta * m.a() / (m.b() + x - 1);
        return aliveBeta * purchasesAtT + dropoutBeta * purchasesAtTx;
    }

    @Test
    void theLogLikelihoodEqualsTheProductOfTheLikelihoodTerms() {
        for (BgNbd m : List.of(CDNOW, STEADY)) {
            double expected = HAND_MADE.stream().mapToDouble(c -> Math.log(directLikelihood(m, c))).sum();
            assertThat(m.logLikelihood(HAND_MADE)).as("%s", m).isCloseTo(expected, within(1e-11));
        }
        // one customer by hand: x = 0, T = 10 at r = alpha = 1: L = (1/11)^1 = 1/11 whatever a and b
        assertThat(new BgNbd(1, 1, 0.7, 3).logLikelihood(List.of(CustomerSummary.of(0, 0, 10))))
                .isCloseTo(-Math.log(11), within(1e-14));
    }

    @Test
    void theLogLikelihoodAtThePublishedParametersOnSimulatedDataMatchesTheDirectProducts() {
        List<CustomerSummary> sample = Simulated.bgNbd(CDNOW, 2357, 27, 39, 5);
        double expected = sample.stream().mapToDouble(c -> Math.log(directLikelihood(CDNOW, c))).sum();
        assertThat(CDNOW.logLikelihood(sample)).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
    }

    @Test
    void aCustomerWithoutRepeatPurchasesIsAlive() {
        assertThat(CDNOW.probabilityAlive(CustomerSummary.of(0, 0, 30))).isEqualTo(1.0);
    }

    @Test
    void pAliveByHand() {
        // r=2, alpha=3, a=1, b=2; x=1, t_x=2, T=5: 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x))
        //   = 1 / (1 + 1/2 * (8/5)^3) = 1 / (1 + 2.048)
        BgNbd m = new BgNbd(2, 3, 1, 2);
        assertThat(m.probabilityAlive(CustomerSummary.of(1, 2, 5))).isCloseTo(1 / 3.048, within(1e-15));
        // a purchase at the cutoff: P(alive) = 1 / (1 + a/(b+x-1))
        assertThat(CDNOW.probabilityAlive(CustomerSummary.of(4, 30, 30)))
                .isCloseTo(1 / (1 + 0.793 / (2.426 + 3)), within(1e-15));
        // long silence after frequent buying: P(alive) falls
        assertThat(CDNOW.probabilityAlive(CustomerSummary.of(10, 5, 38))).isLessThan(1e-5);
    }

    /**
     * E[X(t)] of a new customer as the paper derives it, by integration instead of 2F1: given p, E[X(t) | lambda, p] =
     * (1 - e^(-lambda p t)) / p (eq. 8's integrand); the Gamma mixing over lambda gives (1 - (alpha/(alpha+pt))^r) / p,
     * and the Beta mixing over p is done numerically.
     */
    static double newCustomerByIntegration(BgNbd m, double t) {
        return Integrals.betaExpectation(
                p -> -Math.expm1(-m.r() * Math.log1p(p * t / m.alpha())) / p, m.a(), m.b());
    }

    /**
     * E[Y(t) | x, t_x, T] by integration over the dropout probability p: the posterior weights (lambda integrated
     * out) give, after multiplying through by (alpha+T)^(r+x),
     * E = int (1-p)^x (1 - ((alpha+T)/(alpha+T+pt))^(r+x)) / p h(p) dp
     * / (B(a, b+x)/B(a, b) + [x &gt; 0] B(a+1, b+x-1)/B(a, b) ((alpha+T)/(alpha+t_x))^(r+x)).
     */
    static double conditionalByIntegration(BgNbd m, CustomerSummary c, double t) {
        int x = c.frequency();
        double shape = m.r() + x;
        double numerator = Integrals.betaExpectation(p -> Math.pow(1 - p, x)
                * -Math.expm1(-shape * Math.log1p(p * t / (m.alpha() + c.age()))) / p, m.a(), m.b());
        double aliveBeta = 1;
        for (int j = 0; j < x; j++) {
            aliveBeta *= (m.b() + j) / (m.a() + m.b() + j);
        }
        double dropout = x == 0 ? 0 : aliveBeta * m.a() / (m.b() + x - 1)
                * Math.pow((m.alpha() + c.age()) / (m.alpha() + c.recency()), shape);
        return numerator / (aliveBeta + dropout);
    }

    @Test
    void expectedTransactionsOfANewCustomerMatchTheIntegral() {
        for (BgNbd m : List.of(CDNOW, STEADY)) {
            for (double t : new double[] {0.5, 13, 52, 520}) {
                double expected = newCustomerByIntegration(m, t);
                assertThat(m.expectedTransactionsNewCustomer(t)).as("%s t=%s", m, t)
                        .isCloseTo(expected, within(1e-9 * expected));
            }
        }
        assertThat(CDNOW.expectedTransactionsNewCustomer(0)).isZero();
    }

    @Test
    void atFirstANewCustomerBuysAtTheMeanRate() {
        // alive at the start, so E[X(t)] ~ E[lambda] t = r t / alpha for small t
        double t = 1e-6;
        assertThat(CDNOW.expectedTransactionsNewCustomer(t) / t).isCloseTo(0.243 / 4.414, within(1e-6));
    }

    @Test
    void conditionalExpectationsMatchTheIntegral() {
        List<CustomerSummary> histories = List.of(CustomerSummary.of(0, 0, 30), CustomerSummary.of(2, 20, 30),
                CustomerSummary.of(5, 35, 38), CustomerSummary.of(40, 37, 39), CustomerSummary.of(3, 3, 39));
        for (BgNbd m : List.of(CDNOW, STEADY)) {
            for (CustomerSummary c : histories) {
                for (double t : new double[] {1, 39, 300}) {
                    double expected = conditionalByIntegration(m, c, t);
                    assertThat(m.expectedTransactions(c, t)).as("%s %s t=%s", m, c, t)
                            .isCloseTo(expected, within(1e-8 * expected + 1e-14));
                }
            }
        }
    }

    @Test
    void atAEqualToOneTheExpectationIsContinuous() {
        CustomerSummary c = CustomerSummary.of(3, 20, 30);
        double at = new BgNbd(0.5, 5, 1.0, 3).expectedTransactions(c, 52);
        double below = new BgNbd(0.5, 5, 1.0 - 1e-4, 3).expectedTransactions(c, 52);
        double above = new BgNbd(0.5, 5, 1.0 + 1e-4, 3).expectedTransactions(c, 52);
        assertThat(at).isCloseTo((below + above) / 2, within(1e-7));
        assertThat(at).isBetween(Math.min(below, above), Math.max(below, above));
    }

    @Test
    void theTimeUnitOnlyRescalesAlpha() {
        // the same customers in days and in weeks: r, a, b unchanged, alpha in days = 7 alpha in weeks
        List<CustomerSummary> weeks = Simulated.bgNbd(CDNOW, 2000, 27, 39, 3);
        List<CustomerSummary> days = weeks.stream()
                .map(c -> CustomerSummary.of(c.frequency(), 7 * c.recency(), 7 * c.age())).toList();
        BgNbd inWeeks = BgNbd.fit(weeks).model();
        BgNbd inDays = BgNbd.fit(days).model();
        assertThat(inDays.r()).isCloseTo(inWeeks.r(), within(1e-4 * inWeeks.r()));
        assertThat(inDays.alpha()).isCloseTo(7 * inWeeks.alpha(), within(1e-4 * 7 * inWeeks.alpha()));
        assertThat(inDays.a()).isCloseTo(inWeeks.a(), within(1e-4 * inWeeks.a()));
        assertThat(inDays.b()).isCloseTo(inWeeks.b(), within(1e-4 * inWeeks.b()));
        // and the predictions agree: 13 weeks = 91 days
        CustomerSummary c = weeks.get(0);
        CustomerSummary cDays = days.get(0);
        assertThat(inDays.expectedTransactions(cDays, 91)).isCloseTo(inWeeks.expectedTransactions(c, 13),
                within(1e-4));
    }
}
