package loyalty.ml.clv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@link ClvFit} as JSON: the parameters under their papers' names ({@code bg_nbd}: {@code r, alpha, a, b};
 * {@code gamma_gamma}: {@code p, q, gamma}) beside each model's {@code log_likelihood}, with standard errors (null
 * where the Hessian was not invertible), and what the fit was run on.
 */
public final class FitJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FitJson() {
    }

    public static ObjectNode of(ClvFit fit) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("source", fit.source());
        root.put("cutoff", fit.cutoff().toString());
        root.put("time_unit", fit.scale().label());
        root.put("transactions", fit.transactions());
        root.put("customers", fit.customers());
        root.put("fit_seconds", fit.seconds());
        root.set("bg_nbd", model(fit.purchases()));
        root.set("gamma_gamma", model(fit.spend()));
        return root;
    }

    public static void write(ClvFit fit, Path file) throws IOException {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), of(fit));
    }

    private static ObjectNode model(FitResult<?> fit) {
        ObjectNode node = MAPPER.createObjectNode();
        ObjectNode errors = MAPPER.createObjectNode();
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
