package loyalty.ml.models;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one task's models on a time-based holdout: fit on the members' features at an earlier cutoff (labels
 * known), pick hyper-parameters by k-fold cross-validation on that set ({@link TrainingSettings}), then measure on
 * the features at a later cutoff, which no fit has seen. Every kind is saved and registered under one version; the
 * best holdout AUC-ROC is marked selected.
 *
 * <p>Reproducible: every random step is seeded, and the rows reach it in one partition ordered by member, because
 * the folds and the trees' subsamples are drawn per partition in row order, and a join's output order and
 * partitioning vary from run to run.
 */
public final class ModelTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ModelTrainer.class);

    private final ModelRegistry registry;
    private final TrainingSettings settings;

    /** A trainer with the {@link TrainingSettings#FULL} search. */
    public ModelTrainer(ModelRegistry registry) {
        this(registry, TrainingSettings.FULL);
    }

    public ModelTrainer(ModelRegistry registry, TrainingSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    /** One trained model and how it did. */
    public record Trained(RegisteredModel model, HoldoutMetrics metrics, String parametersJson, long trainMillis) {
    }

    /**
     * @param train   member features at the training cutoff (rows without the task's label are dropped)
     * @param holdout member features at the later holdout cutoff
     */
    public List<Trained> train(ModelTask task, Dataset<Row> train, Dataset<Row> holdout, Instant trainCutoff,
                               Instant holdoutCutoff, String sourceSnapshotsJson, Instant trainedAt) {
        String label = task.labelColumn();
        Dataset<Row> trainSet = prepared(train, label);
        Dataset<Row> holdoutSet = prepared(holdout, label);
        String version = registry.nextVersion(task.modelName());
        List<Trained> trained = new ArrayList<>();
        for (ModelKind kind : ModelKind.values()) {
            long start = System.nanoTime();
            Pipeline pipeline = kind.pipeline(label, settings);
            ParamMap[] grid = kind.grid(pipeline, settings);
            PipelineModel model;
            String parameters;
            if (grid.length == 1) {
                model = pipeline.fit(trainSet, grid[0]);
                parameters = "{\"preset\":\"" + settings.name() + "\",\"grid\":[],\"chosen\":{" + params(grid[0])
                        + "}}";
            } else {
                CrossValidatorModel cv = new CrossValidator().setEstimator(pipeline).setEstimatorParamMaps(grid)
                        .setEvaluator(evaluator(label)).setNumFolds(settings.folds()).setParallelism(2)
                        .setSeed(ModelKind.SEED).fit(trainSet);
                model = (PipelineModel) cv.bestModel();
                parameters = parametersJson(settings, grid, cv.avgMetrics());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            HoldoutMetrics metrics = HoldoutMetrics.of(scored(model, holdoutSet, label));
            String path = registry.pathFor(task.modelName(), version, kind);
            try {
                model.write().overwrite().save(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the model to " + path, e);
            }
            RegisteredModel registered = new RegisteredModel(task.modelName() + "-" + version + "-" + kind.id(),
                    task.modelName(), kind, version, trainedAt, path, false, metrics.aucRoc());
            trained.add(new Trained(registered, metrics, parameters, millis));
            LOG.info("event=model_trained name={} kind={} version={} train_rows={} holdout_rows={} auc_roc={}"
                            + " auc_pr={} millis={}", task.modelName(), kind.id(), version, trainSet.count(),
                    metrics.members(), metrics.aucRoc(), metrics.aucPr(), millis);
        }
        Trained best = trained.stream().max(java.util.Comparator.comparingDouble(t -> t.metrics().aucRoc()))
                .orElseThrow();
        List<Trained> marked = trained.stream().map(t -> t != best ? t : new Trained(new RegisteredModel(
                t.model().modelId(), t.model().name(), t.model().kind(), t.model().version(), t.model().trainedAt(),
                t.model().path(), true, t.model().aucRoc()), t.metrics(), t.parametersJson(), t.trainMillis()))
                .toList();
        registry.register(marked.stream().map(t -> new ModelRegistry.Registration(t.model(), t.parametersJson(),
                t.metrics().toJson(), sourceSnapshotsJson, trainCutoff, holdoutCutoff)).toList());
        trainSet.unpersist();
        holdoutSet.unpersist();
        return marked;
    }

    /**
     * The rows with a label, in one partition ordered by member, materialised once: every fold and fit then reads
     * the same rows in the same order, and none recomputes the features.
     */
    static Dataset<Row> prepared(Dataset<Row> rows, String label) {
        Dataset<Row> prepared = rows.filter(col(label).isNotNull()).coalesce(1)
                .sortWithinPartitions("program", "member_id").cache();
        prepared.count();
        return prepared;
    }

    /** The positive-class probability of every row, with its label, in member order (ties in score stay put). */
    static List<HoldoutMetrics.Scored> scored(PipelineModel model, Dataset<Row> rows, String label) {
        return model.transform(rows.orderBy("program", "member_id"))
                .select(functions.vector_to_array(col("probability"), "float64").getItem(1).as("score"),
                        col(label).cast("int").as("label"))
                .collectAsList().stream()
                .map(r -> new HoldoutMetrics.Scored(r.getDouble(0), r.getInt(1)))
                .toList();
    }

    private static BinaryClassificationEvaluator evaluator(String label) {
        return new BinaryClassificationEvaluator().setLabelCol(label).setRawPredictionCol("rawPrediction")
                .setMetricName("areaUnderROC");
    }

    /** The grid with each point's mean cross-validated AUC-ROC, and the chosen point. */
    private static String parametersJson(TrainingSettings settings, ParamMap[] grid, double[] cvAuc) {
        StringBuilder json = new StringBuilder("{\"preset\":\"" + settings.name() + "\",\"cv_folds\":"
                + settings.folds() + ",\"grid\":[");
        int best = 0;
        for (int i = 0; i < grid.length; i++) {
            if (cvAuc[i] > cvAuc[best]) {
                best = i;
            }
            json.append(i == 0 ? "" : ",").append("{").append(params(grid[i]))
                    .append(String.format(Locale.ROOT, ",\"cv_auc_roc\":%.6f}", cvAuc[i]));
        }
        return json.append("],\"chosen\":{").append(params(grid[best])).append("}}").toString();
    }

    private static String params(ParamMap map) {
        List<String> pairs = new ArrayList<>();
        for (ParamPair<?> pair : map.toList()) {
            pairs.add("\"" + pair.param().name() + "\":" + pair.value());
        }
        pairs.sort(null);
        return String.join(",", pairs);
    }
}
