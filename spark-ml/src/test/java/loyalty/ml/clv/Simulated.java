package loyalty.ml.clv;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.JDKRandomGenerator;

/**
 * Customers drawn from the models' own stories, with a seeded java.util.Random (Commons Math's JDKRandomGenerator
 * is one), so that every run sees the same sample.
 */
final class Simulated {
    private Simulated() {
    }

    /**
     * BG/NBD customers acquired at time 0 and observed for an age drawn uniformly from [minAge, maxAge]: lambda ~
     * Gamma(r, rate alpha), p ~ Beta(a, b); purchases at rate lambda, and after each repeat purchase the customer
     * drops out with probability p (none at the first purchase, as in the model).
     */
    static List<CustomerSummary> bgNbd(BgNbd truth, int customers, double minAge, double maxAge, long seed) {
        JDKRandomGenerator random = new JDKRandomGenerator((int) seed);
        GammaDistribution rates = new GammaDistribution(random, truth.r(), 1 / truth.alpha());
        BetaDistribution dropouts = new BetaDistribution(random, truth.a(), truth.b());
        List<CustomerSummary> sample = new ArrayList<>(customers);
        for (int i = 0; i < customers; i++) {
            double lambda = rates.sample();
            double p = dropouts.sample();
            double age = minAge + (maxAge - minAge) * random.nextDouble();
            int x = 0;
            double last = 0;
            double time = 0;
            while (true) {
                time += -Math.log(1 - random.nextDouble()) / lambda;
                if (time > age) {
                    break;
                }
                x++;
                last = time;
                if (random.nextDouble() < p) {
                    break;
                }
            }
            sample.add(new CustomerSummary("c" + i, x, last, age, 0));
        }
        return sample;
    }

    /**
     * Gamma-Gamma customers with 1 to maxFrequency repeat purchases (uniformly): nu ~ Gamma(q, rate gamma), each
     * purchase ~ Gamma(p, rate nu), the summary holding their mean.
     */
    static List<CustomerSummary> gammaGamma(GammaGamma truth, int customers, int maxFrequency, long seed) {
        JDKRandomGenerator random = new JDKRandomGenerator((int) seed);
        GammaDistribution rates = new GammaDistribution(random, truth.q(), 1 / truth.gamma());
        List<CustomerSummary> sample = new ArrayList<>(customers);
        for (int i = 0; i < customers; i++) {
            double nu = rates.sample();
            int x = 1 + random.nextInt(maxFrequency);
            GammaDistribution spend = new GammaDistribution(random, truth.p(), 1 / nu);
            double total = 0;
            for (int j = 0; j < x; j++) {
                total += spend.sample();
            }
            sample.add(new CustomerSummary("c" + i, x, 1, 2, total / x));
        }
        return sample;
    }
}
