package loyalty.cli.clv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import loyalty.ml.clv.BgNbd;
import loyalty.ml.clv.Estimate;
import loyalty.ml.clv.FitResult;
import loyalty.ml.clv.GammaGamma;
import loyalty.ml.clv.TimeScale;

/** The result of {@code loyalty clv fit}: printed as two tables, written as JSON. */
record ClvFit(String source, LocalDate cutoff, TimeScale scale, int transactions, int customers,
              FitResult<BgNbd> purchases, FitResult<GammaGamma> spend, double seconds) {

    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "CLV fit of %s: %d customers (%d with repeat purchases and spend), %d transaction rows,"
                        + " cutoff %s, time unit %s; fitted in %.2f s%n%n", source, customers, spend.customers(),
                transactions, cutoff, scale.label(), seconds);
        out.printf(Locale.ROOT, "%-12s %-10s %12s %12s%n", "model", "parameter", "estimate", "std. error");
        parameters(out, "BG/NBD", purchases.estimates());
        parameters(out, "Gamma-Gamma", spend.estimates());
        out.println();
        out.printf(Locale.ROOT, "%-12s %10s %15s %12s %10s%n", "model", "customers", "log-likelihood", "evaluations",
                "converged");
        summary(out, "BG/NBD", purchases);
        summary(out, "Gamma-Gamma", spend);
        if (!purchases.converged() || !spend.converged()) {
            out.println("A model did not converge: a parameter ran to the edge of its range or the optimiser"
                    + " stopped at its budget; its estimates and errors are not reliable.");
        }
    }

    private static void parameters(PrintWriter out, String model, List<Estimate> estimates) {
        for (int i = 0; i < estimates.size(); i++) {
            Estimate e = estimates.get(i);
            String error = Double.isNaN(e.standardError()) ? "n/a"
                    : String.format(Locale.ROOT, "%.4f", e.standardError());
            out.printf(Locale.ROOT, "%-12s %-10s %12.4f %12s%n", i == 0 ? model : "", e.name(), e.value(), error);
        }
    }

    private static void summary(PrintWriter out, String model, FitResult<?> fit) {
        out.printf(Locale.ROOT, "%-12s %10d %15.2f %12d %10s%n", model, fit.customers(), fit.logLikelihood(),
                fit.evaluations(), fit.converged() ? "yes" : "NO");
    }

    /**
     * The parameters under their papers' names ({@code r, alpha, a, b}; {@code p, q, gamma}) beside each model's
     * {@code log_likelihood}, with standard errors (null where the Hessian was not invertible).
     */
    ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("source", source);
        root.put("cutoff", cutoff.toString());
        root.put("time_unit", scale.label());
        root.put("transactions", transactions);
        root.put("customers", customers);
        root.put("fit_seconds", seconds);
        root.set("bg_nbd", model(mapper, purchases));
        root.set("gamma_gamma", model(mapper, spend));
        return root;
    }

    void writeJson(Path file) throws IOException {
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson());
    }

    private static ObjectNode model(ObjectMapper mapper, FitResult<?> fit) {
        ObjectNode node = mapper.createObjectNode();
        ObjectNode errors = mapper.createObjectNode();
        for (Estimate e : fit.estimates()) {
            node.put(e.name(), e.value());
            if (Double.isNaN(e.standardError())) {
                errors.putNull(e.name());
            } else {
                errors.put(e.name(), e.standardError());
            }
        }
        node.put("log_likelihood", fit.logLikelihood());
        node.set("standard_errors", errors);
        node.put("customers", fit.customers());
        node.put("converged", fit.converged());
        node.put("evaluations", fit.evaluations());
        return node;
    }
}
