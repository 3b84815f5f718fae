package loyalty.ml.models;

import java.time.Instant;

/** One row of {@code ml.models}, without the JSON columns. */
public record RegisteredModel(String modelId, String name, ModelKind kind, String version, Instant trainedAt,
                              String path, boolean selected, double aucRoc) {
}
