package loyalty.ml.models;

import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;

/**
 * The model families, each a spark.ml Pipeline from {@code ml.member_features} columns to a {@code probability}
 * column, with the small hyper-parameter grid its cross-validation searches (small: 2 cores, seconds per fit; how
 * small is a {@link TrainingSettings}).
 */
public enum ModelKind {
    /**
     * Days since the last order alone, through a one-feature logistic regression: a monotone function of recency,
     * so it ranks members exactly as recency does. What any model must beat.
     */
    RECENCY_BASELINE("recency_baseline"),
    /** All features, heavy-tailed ones as log1p, scaled; tier one-hot. */
    LOGISTIC_REGRESSION("logistic_regression"),
    /**
     * Gradient-boosted trees on the raw features; tier as an index. Shallow trees, shrinkage and large leaves: with
     * about 1,400 training members deeper trees (depth 5, 30 trees at 0.1) fitted noise and fell below the
     * baseline on the holdout.
     */
    GBT("gbt");

    /** Numeric feature columns of ml.member_features that the full models use. */
    public static final List<String> NUMERIC = List.of("recency_days", "orders_total", "orders_90d",
            "orders_prev_90d", "spend_total", "avg_order_value", "spend_90d", "spend_prev_90d", "spend_trend",
            "tenure_days", "points_balance", "points_expiring_30d", "redemption_ratio", "redemptions",
            "returns_ratio", "share_store", "share_web", "share_app", "engagements_total", "engagements_90d",
            "nudges_total", "nudges_90d");
    /** Counts and amounts whose long tail a linear model sees better on a log scale. */
    private static final List<String> LOGGED = List.of("recency_days", "orders_total", "orders_90d",
            "orders_prev_90d", "spend_total", "avg_order_value", "spend_90d", "spend_prev_90d", "tenure_days",
            "engagements_total", "engagements_90d", "redemptions");
    static final long SEED = 20_260_101L;

    private final String id;

    ModelKind(String id) {
        this.id = id;
    }

    /** The kind in ml.models. */
    public String id() {
        return id;
    }

    public static ModelKind byId(String id) {
        for (ModelKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown model kind " + id);
    }

    /** The untrained pipeline with the {@link TrainingSettings#FULL} settings; {@code label} is the label column. */
    public Pipeline pipeline(String label) {
        return pipeline(label, TrainingSettings.FULL);
    }

    /** The untrained pipeline; {@code label} is the label column. */
    public Pipeline pipeline(String label, TrainingSettings settings) {
        return switch (this) {
            case RECENCY_BASELINE -> new Pipeline().setStages(new PipelineStage[] {
                    new VectorAssembler().setInputCols(new String[] {"recency_days"}).setOutputCol("features"),
                    logistic(label).setRegParam(0.0)});
            case LOGISTIC_REGRESSION -> new Pipeline().setStages(new PipelineStage[] {
                    new SQLTransformer().setStatement("SELECT *, " + String.join(", ", LOGGED.stream()
                            .map(c -> "log1p(greatest(" + c + ", 0)) AS log_" + c).toList()) + " FROM __THIS__"),
                    tierIndex(),
                    new OneHotEncoder().setInputCols(new String[] {"tier_index"})
                            .setOutputCols(new String[] {"tier_vector"}).setHandleInvalid("keep"),
                    new VectorAssembler().setInputCols(linearInputs()).setOutputCol("raw_features"),
                    new StandardScaler().setInputCol("raw_features").setOutputCol("features"),
                    logistic(label)});
            case GBT -> new Pipeline().setStages(new PipelineStage[] {
                    tierIndex(),
                    new VectorAssembler().setInputCols(treeInputs()).setOutputCol("features"),
                    new GBTClassifier().setLabelCol(label).setFeaturesCol("features").setSeed(SEED)
                            .setMaxIter(settings.gbtIterations()).setStepSize(0.05).setSubsamplingRate(0.8)
                            .setMinInstancesPerNode(20)});
        };
    }

    /** The {@link TrainingSettings#FULL} grid. */
    public ParamMap[] grid(Pipeline pipeline) {
        return grid(pipeline, TrainingSettings.FULL);
    }

    /**
     * The grid cross-validation searches; one empty point for the baseline, which has nothing to tune, and one
     * point (fitted without cross-validation) where the settings give a single value.
     */
    public ParamMap[] grid(Pipeline pipeline, TrainingSettings settings) {
        PipelineStage last = pipeline.getStages()[pipeline.getStages().length - 1];
        return switch (this) {
            case RECENCY_BASELINE -> new ParamMap[] {new ParamMap()};
            case LOGISTIC_REGRESSION -> {
                LogisticRegression lr = (LogisticRegression) last;
                yield new ParamGridBuilder()
                        .addGrid(lr.regParam(), settings.lrRegParams().stream().mapToDouble(Double::doubleValue)
                                .toArray())
                        .build();
            }
            case GBT -> {
                GBTClassifier gbt = (GBTClassifier) last;
                yield new ParamGridBuilder()
                        .addGrid(gbt.maxDepth(), settings.gbtDepths().stream().mapToInt(Integer::intValue).toArray())
                        .build();
            }
        };
    }

    private static LogisticRegression logistic(String label) {
        return new LogisticRegression().setLabelCol(label).setFeaturesCol("features").setMaxIter(100);
    }

    private static StringIndexer tierIndex() {
        return new StringIndexer().setInputCol("tier").setOutputCol("tier_index").setHandleInvalid("keep")
                .setStringOrderType("alphabetAsc");
    }

    private static String[] linearInputs() {
        List<String> cols = new java.util.ArrayList<>();
        for (String c : NUMERIC) {
            cols.add(LOGGED.contains(c) ? "log_" + c : c);
        }
        cols.add("tier_vector");
        return cols.toArray(String[]::new);
    }

    private static String[] treeInputs() {
        List<String> cols = new java.util.ArrayList<>(NUMERIC);
        cols.add("tier_index");
        return cols.toArray(String[]::new);
    }
}
