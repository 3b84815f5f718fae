package loyalty.ml.models;

import java.util.List;
import java.util.Locale;

/**
 * How hard training searches: the cross-validation folds, the grid of each tuned kind, and the number of boosted
 * trees. {@link #FULL} is what {@code loyalty train} runs; {@link #QUICK} is for the demo and the tests, where a
 * run should take about a minute rather than several: 2 folds instead of 3, and 2 + 1 grid points instead of
 * 3 + 2, fit 2·2 + 1 models instead of 3·3 + 3·2 (plus one final fit per tuned kind).
 *
 * @param folds         cross-validation folds (at least 2)
 * @param lrRegParams   the logistic regression's regParam grid
 * @param gbtDepths     the gradient-boosted trees' maxDepth grid
 * @param gbtIterations the number of boosted trees
 */
public record TrainingSettings(String name, int folds, List<Double> lrRegParams, List<Integer> gbtDepths,
                               int gbtIterations) {
    /** Three folds over three regularisations and two depths, 40 trees. */
    public static final TrainingSettings FULL = new TrainingSettings("full", 3, List.of(0.001, 0.01, 0.1),
            List.of(2, 3), 40);
    /**
     * Two folds over two regularisations; one depth, so the trees are fitted once without cross-validation. The
     * grid points dropped were never chosen on the generated programs (the chosen point is logged in
     * ml.models.parameters).
     */
    public static final TrainingSettings QUICK = new TrainingSettings("quick", 2, List.of(0.01, 0.1), List.of(2),
            30);

    public TrainingSettings {
        lrRegParams = List.copyOf(lrRegParams);
        gbtDepths = List.copyOf(gbtDepths);
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        }
        if (lrRegParams.isEmpty() || gbtDepths.isEmpty() || gbtIterations < 1) {
            throw new IllegalArgumentException("each grid needs a point and the trees an iteration");
        }
    }

    /** The preset of that name ({@code full} or {@code quick}). */
    public static TrainingSettings byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "full" -> FULL;
            case "quick" -> QUICK;
            default -> throw new IllegalArgumentException("unknown training preset '" + name
                    + "'; known: full, quick");
        };
    }
}
