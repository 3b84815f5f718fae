package loyalty.ml.clv;

import java.util.List;

/**
 * A maximum-likelihood fit: the model at the optimum, its parameters with standard errors (in the model's order),
 * the log-likelihood there, how many customers it was fitted on, how many times the likelihood was evaluated, and
 * whether the optimiser met its tolerance (false: it stopped at its evaluation budget, or the optimum lies at the
 * edge of the parameter range, where a parameter is not identified).
 */
public record FitResult<M>(M model, List<Estimate> estimates, double logLikelihood, int customers, int evaluations,
                           boolean converged) {
    public FitResult {
        estimates = List.copyOf(estimates);
    }
}
