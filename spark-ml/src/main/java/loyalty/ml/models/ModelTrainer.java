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
 * known), pick hyper-parameters by 3-fold cross-validation on that set, then measure on the features at a later
 * cutoff, which no fit has seen. Every kind is saved and registered under one version; the best holdout AUC-ROC
 * is marked selected.
 */
public final class ModelTrainer {
    static final int FOLDS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ModelTrainer.class);

    private final ModelRegistry registry;

    public ModelTrainer(ModelRegistry registry) {
        this.registry = registry;
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
        Dataset<Row> trainSet = train.filter(col(label).isNotNull()).cache();
        Dataset<Row> holdoutSet = holdout.filter(col(label).isNotNull()).cache();
        String version = registry.nextVersion(task.modelName());
        List<Trained> trained = new ArrayList<>();
        for (ModelKind kind : ModelKind.values()) {
            long start = System.nanoTime();
            Pipeline pipeline = kind.pipeline(label);
            ParamMap[] grid = kind.grid(pipeline);
            PipelineModel model;
            String parameters;
            if (grid.length == 1) {
                model = pipeline.fit(trainSet);
                parameters = "{\"grid\":[],\"chosen\":{}}";
            } else {
                CrossValidatorModel cv = new CrossValidator().setEstimator(pipeline).setEstimatorParamMaps(grid)
                        .setEvaluator(evaluator(label)).setNumFolds(FOLDS).setParallelism(2)
                        .setSeed(ModelKind.SEED).fit(trainSet);
                model = (PipelineModel) cv.bestModel();
                parameters = parametersJson(grid, cv.avgMetrics());
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

    /** The positive-class probability of every row, with its label. */
    static List<HoldoutMetrics.Scored> scored(PipelineModel model, Dataset<Row> rows, String label) {
        return model.transform(rows)
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
    private static String parametersJson(ParamMap[] grid, double[] cvAuc) {
        StringBuilder json = new StringBuilder("{\"cv_folds\":" + FOLDS + ",\"grid\":[");
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
