package loyalty.ml.clv;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Minimises a negative log-likelihood over the logarithms of positive parameters (so the search is unconstrained,
 * as in lifetimes) with Commons Math's Nelder-Mead simplex, and estimates standard errors from a numerical Hessian.
 *
 * <p>Nelder-Mead needs no gradient, and these likelihoods have few parameters; but a simplex can collapse before it
 * reaches the optimum, so it is restarted from its best point with a fresh simplex until a restart no longer
 * improves the value (the standard remedy).
 */
final class MaximumLikelihood {
    /** Beyond e^±LOG_BOUND a parameter is not identified by any realistic data; the search stays inside. */
    static final double LOG_BOUND = 25;
    private static final int MAX_EVALUATIONS_PER_RUN = 20_000;
    private static final int MAX_RESTARTS = 20;
    private static final double RELATIVE_TOLERANCE = 1e-12;
    /** Step of the central differences in log space: a 0.1 % change of a parameter. */
    private static final double HESSIAN_STEP = 1e-3;

    private MaximumLikelihood() {
    }

    /**
     * The optimum: parameters on their natural scale, the minimised negative log-likelihood, the evaluations used,
     * whether the optimiser converged inside the bounds, and the standard errors of the natural parameters (NaN when
     * the Hessian is not positive definite).
     */
    record Optimum(double[] parameters, double negLogLikelihood, int evaluations, boolean converged,
                   double[] standardErrors) {
    }

    static Optimum minimise(ToDoubleFunction<double[]> negLogLikelihood, double[] logStart) {
        int[] evaluations = {0};
        ToDoubleFunction<double[]> bounded = logs -> {
            evaluations[0]++;
            double[] parameters = new double[logs.length];
            for (int i = 0; i < logs.length; i++) {
                if (!(Math.abs(logs[i]) <= LOG_BOUND)) {
                    return Double.POSITIVE_INFINITY;
                }
                parameters[i] = Math.exp(logs[i]);
            }
            double value = negLogLikelihood.applyAsDouble(parameters);
            return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
        };
        double[] best = logStart.clone();
        double bestValue = bounded.applyAsDouble(best);
        boolean converged = false;
        for (int run = 0; run <= MAX_RESTARTS && !converged; run++) {
            SimplexOptimizer optimizer = new SimplexOptimizer(
                    new SimpleValueChecker(RELATIVE_TOLERANCE, RELATIVE_TOLERANCE));
            PointValuePair point;
            try {
                point = optimizer.optimize(new MaxEval(MAX_EVALUATIONS_PER_RUN),
                        new ObjectiveFunction(bounded::applyAsDouble), GoalType.MINIMIZE, new InitialGuess(best),
                        // a wide first simplex explores, the restarts' small ones polish
                        new NelderMeadSimplex(best.length, run == 0 ? 1.0 : 0.1));
            } catch (TooManyEvaluationsException e) {
                break;
            }
            boolean improved = bestValue - point.getValue() > 1e-10 * (1 + Math.abs(bestValue));
            if (point.getValue() < bestValue) {
                best = point.getPoint();
                bestValue = point.getValue();
            }
            converged = run > 0 && !improved;
        }
        for (double log : best) {
            // the optimum ran off towards 0 or infinity: the data cannot pin that parameter down
            converged &= Math.abs(log) < LOG_BOUND - 1;
        }
        double[] parameters = new double[best.length];
        for (int i = 0; i < best.length; i++) {
            parameters[i] = Math.exp(best[i]);
        }
        double[] standardErrors = standardErrors(bounded, best, parameters);
        return new Optimum(parameters, bestValue, evaluations[0], converged, standardErrors);
    }

    /**
     * The inverse Hessian of the negative log-likelihood in log space is the asymptotic covariance of the log
     * parameters; the delta method turns it into standard errors of the parameters: se(theta) = theta se(log theta).
     * At the optimum this equals inverting the Hessian in the natural parameters, and log space keeps the difference
     * steps proportionate to each parameter.
     */
    static double[] standardErrors(ToDoubleFunction<double[]> f, double[] logs, double[] parameters) {
        int n = logs.length;
        double h = HESSIAN_STEP;
        double f0 = f.applyAsDouble(logs);
        double[][] hessian = new double[n][n];
        for (int i = 0; i < n; i++) {
            hessian[i][i] = (at(f, logs, i, h, i, 0) - 2 * f0 + at(f, logs, i, -h, i, 0)) / (h * h);
            for (int j = 0; j < i; j++) {
                double value = (at(f, logs, i, h, j, h) - at(f, logs, i, h, j, -h) - at(f, logs, i, -h, j, h)
                        + at(f, logs, i, -h, j, -h)) / (4 * h * h);
                hessian[i][j] = value;
                hessian[j][i] = value;
            }
        }
        double[] errors = new double[n];
        try {
            RealMatrix covariance = new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false))
                    .getSolver().getInverse();
            for (int i = 0; i < n; i++) {
                errors[i] = parameters[i] * Math.sqrt(covariance.getEntry(i, i));
            }
        } catch (NonPositiveDefiniteMatrixException e) {
            java.util.Arrays.fill(errors, Double.NaN);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(errors[i])) {
                errors[i] = Double.NaN;
            }
        }
        return errors;
    }

    /** f at logs moved by di along i and dj along j (i == j adds both). */
    private static double at(ToDoubleFunction<double[]> f, double[] logs, int i, double di, int j, double dj) {
        double[] moved = logs.clone();
        moved[i] += di;
        moved[j] += dj;
        return f.applyAsDouble(moved);
    }
}
