package loyalty.ml.clv;

/** A fitted parameter and its standard error (NaN when the Hessian at the optimum was not invertible). */
public record Estimate(String name, double value, double standardError) {
}
