package loyalty.ml.clv;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/** Composite Gauss-Legendre quadrature: the tests' independent route to the models' closed forms. */
final class Integrals {
    private static final GaussIntegratorFactory FACTORY = new GaussIntegratorFactory();

    private Integrals() {
    }

    /** The integral of f over [lo, hi], as the sum over {@code panels} equal panels of a 20-point rule. */
    static double integrate(DoubleUnaryOperator f, double lo, double hi, int panels) {
        double width = (hi - lo) / panels;
        double sum = 0;
        for (int i = 0; i < panels; i++) {
            GaussIntegrator rule = FACTORY.legendre(20, lo + i * width, lo + (i + 1) * width);
            sum += rule.integrate(f::applyAsDouble);
        }
        return sum;
    }

    /**
     * E[f(p)] for p ~ Beta(a, b). For a &lt; 1, p = u^(1/a) absorbs the density's p^(a-1) singularity at 0:
     * p^(a-1) dp = du / a (for a &ge; 1 that substitution would itself make the integrand rough at 0, so p is used).
     * Needs b &ge; 1 (no singularity at 1).
     */
    static double betaExpectation(DoubleUnaryOperator f, double a, double b) {
        double beta = Math.exp(org.apache.commons.math3.special.Beta.logBeta(a, b));
        if (a >= 1) {
            return integrate(p -> f.applyAsDouble(p) * Math.pow(p, a - 1) * Math.pow(1 - p, b - 1) / beta, 0, 1, 400);
        }
        return integrate(u -> {
            double p = Math.pow(u, 1 / a);
            return f.applyAsDouble(p) * Math.pow(1 - p, b - 1) / (a * beta);
        }, 0, 1, 400);
    }
}
