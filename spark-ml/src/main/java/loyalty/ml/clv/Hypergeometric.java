package loyalty.ml.clv;

/**
 * Gauss's hypergeometric function 2F1(a, b; c; z) = sum_j (a)_j (b)_j / ((c)_j j!) z^j, by its power series.
 *
 * <p>Domain: real a, b, c with c not 0, -1, -2, ... (the series has a pole there), and -1 &lt; z &lt; 1, where the
 * series converges. Its terms shrink in the end like |z|^j j^(a+b-c-1): fast for small |z|, slowly as z nears 1
 * (about 35 / -ln z terms for double precision when a+b-c is small, many more when a+b-c is large; callers with z
 * near 1 should first apply Euler's transformation 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z), which turns a
 * large a+b-c into a very negative one, as BG/NBD's conditional expectation does). No analytic continuation
 * beyond |z| &lt; 1: BG/NBD only needs z = t / (alpha + T + t) in [0, 1).
 */
final class Hypergeometric {
    static final int MAX_TERMS = 1_000_000;
    private static final double TOLERANCE = 1e-16;

    private Hypergeometric() {
    }

    /**
     * @throws IllegalArgumentException outside the domain
     * @throws ArithmeticException when {@link #MAX_TERMS} terms did not reach double precision (z extremely near 1)
     */
    static double hyp2f1(double a, double b, double c, double z) {
        if (!(Math.abs(z) < 1) || Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c)) {
            throw new IllegalArgumentException("2F1(" + a + ", " + b + "; " + c + "; " + z
                    + ") is outside the series' domain |z| < 1");
        }
        if (c <= 0 && c == Math.rint(c)) {
            throw new IllegalArgumentException("2F1 has a pole at c = " + c + " (c must not be 0, -1, -2, ...)");
        }
        double term = 1;
        double sum = 1;
        for (int j = 0; j < MAX_TERMS; j++) {
            // ratio of term j+1 to term j
            double factor = (a + j) * (b + j) / ((c + j) * (j + 1));
            term *= factor * z;
            sum += term;
            if (term == 0) {
                return sum; // a or b is a non-positive integer: the series is a polynomial
            }
            // The ratios tend to z, monotonically once j is past the parameters, so max(|ratio|, |z|) bounds the
            // later ones and the tail after this term is at most |term| rho / (1 - rho).
            double nextFactor = Math.abs((a + j + 1) * (b + j + 1) / ((c + j + 1) * (j + 2)) * z);
            double rho = Math.max(nextFactor, Math.abs(z));
            if (j > Math.abs(a) + Math.abs(b) + Math.abs(c) && rho < 1
                    && Math.abs(term) * rho / (1 - rho) <= TOLERANCE * Math.abs(sum)) {
                return sum;
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge in "
                + MAX_TERMS + " terms");
    }
}
