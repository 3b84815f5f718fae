package loyalty.ml.clv;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** A {@link ClvFit} as the terminal shows it: a header line, the parameters with standard errors, the fits' summary. */
public final class FitTables {
    private FitTables() {
    }

    public static void print(ClvFit fit, PrintStream out) {
        out.printf(Locale.ROOT, "CLV fit of %s: %d customers (%d with repeat purchases and spend), %d transaction rows,"
                        + " cutoff %s, time unit %s; fitted in %.2f s%n%n", fit.source(), fit.customers(),
                fit.spend().customers(), fit.transactions(), fit.cutoff(), fit.scale().label(), fit.seconds());
        out.printf(Locale.ROOT, "%-12s %-10s %12s %12s%n", "model", "parameter", "estimate", "std. error");
        parameters(out, "BG/NBD", fit.purchases().estimates());
        parameters(out, "Gamma-Gamma", fit.spend().estimates());
        out.println();
        out.printf(Locale.ROOT, "%-12s %10s %15s %12s %10s%n", "model", "customers", "log-likelihood", "evaluations",
                "converged");
        summary(out, "BG/NBD", fit.purchases());
        summary(out, "Gamma-Gamma", fit.spend());
        if (!fit.purchases().converged() || !fit.spend().converged()) {
            out.println("A model did not converge: a parameter ran to the edge of its range or the optimiser"
                    + " stopped at its budget; its estimates and errors are not reliable.");
        }
    }

    private static void parameters(PrintStream out, String model, List<Estimate> estimates) {
        for (int i = 0; i < estimates.size(); i++) {
            Estimate e = estimates.get(i);
            String error = Double.isNaN(e.standardError()) ? "n/a"
                    : String.format(Locale.ROOT, "%.4f", e.standardError());
            out.printf(Locale.ROOT, "%-12s %-10s %12.4f %12s%n", i == 0 ? model : "", e.name(), e.value(), error);
        }
    }

    private static void summary(PrintStream out, String model, FitResult<?> fit) {
        out.printf(Locale.ROOT, "%-12s %10d %15.2f %12d %10s%n", model, fit.customers(), fit.logLikelihood(),
                fit.evaluations(), fit.converged() ? "yes" : "NO");
    }
}
