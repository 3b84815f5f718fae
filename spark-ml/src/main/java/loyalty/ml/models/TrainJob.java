package loyalty.ml.models;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import loyalty.ml.features.FeatureSources;
import loyalty.ml.features.MemberFeatureBuilder;
import loyalty.ml.session.Cutoffs;
import loyalty.ml.session.JobArguments;
import loyalty.ml.session.LoyaltySpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code loyalty train}: features at two cutoffs, the models of each task trained at the first and measured at the
 * second, registered in ml.models, and a metrics table on standard output. Settings besides {@link JobArguments}':
 * <ul>
 *   <li>{@code --model churn|propensity|all} (default all)</li>
 *   <li>{@code --holdout-cutoff} (default: 90 days before the newest event in raw.events, the latest cutoff whose
 *       churn labels are all known, at midnight UTC)</li>
 *   <li>{@code --train-cutoff} (default: 90 days before the holdout cutoff, so train labels end where the holdout
 *       begins; on a history shorter than that, halfway between its start and the holdout cutoff:
 *       {@link Cutoffs#defaults})</li>
 *   <li>{@code --preset full|quick} (default full): how hard the hyper-parameter search works,
 *       {@link TrainingSettings#FULL} or {@link TrainingSettings#QUICK} (two folds, a smaller grid, fewer trees:
 *       for the demo)</li>
 * </ul>
 */
public final class TrainJob {
    public static final Set<String> SETTINGS = Set.of("model", "train-cutoff", "holdout-cutoff", "preset");
    private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

    private TrainJob() {
    }

    public static void main(String[] args) {
        JobArguments arguments = JobArguments.parse(SETTINGS, args);
        LOG.info("event=train_start settings={}", arguments.describe());
        SparkSession spark = LoyaltySpark.session(arguments.lakehouse(), arguments.master());
        try {
            List<ModelTask> tasks = arguments.option("model").filter(m -> !m.equals("all"))
                    .map(m -> List.of(ModelTask.byName(m))).orElse(List.of(ModelTask.values()));
            Optional<Instant> givenHoldout = arguments.option("holdout-cutoff")
                    .map(v -> Cutoffs.parse("holdout-cutoff", v));
            Optional<Instant> givenTrain = arguments.option("train-cutoff").map(v -> Cutoffs.parse("train-cutoff", v));
            Cutoffs.Pair defaults = givenHoldout.isPresent() && givenTrain.isPresent() ? null : defaultCutoffs(spark);
            Instant holdoutCutoff = givenHoldout.orElseGet(defaults::holdout);
            Instant trainCutoff = givenTrain.orElseGet(() -> givenHoldout.isPresent()
                    ? holdoutCutoff.minus(MemberFeatureBuilder.CHURN_WINDOW) : defaults.train());
            if (!trainCutoff.isBefore(holdoutCutoff)) {
                throw new IllegalArgumentException("the train cutoff " + trainCutoff
                        + " must come before the holdout cutoff " + holdoutCutoff);
            }
            TrainingSettings settings = arguments.option("preset").map(TrainingSettings::byName)
                    .orElse(TrainingSettings.FULL);
            print(run(spark, tasks, trainCutoff, holdoutCutoff, Instant.now(), settings), System.out);
        } finally {
            spark.stop();
        }
    }

    /** {@link #run(SparkSession, List, Instant, Instant, Instant, TrainingSettings)} with the full search. */
    public static List<ModelTrainer.Trained> run(SparkSession spark, List<ModelTask> tasks, Instant trainCutoff,
                                                 Instant holdoutCutoff, Instant trainedAt) {
        return run(spark, tasks, trainCutoff, holdoutCutoff, trainedAt, TrainingSettings.FULL);
    }

    /** Features at both cutoffs (stored), then each task's models; the results in task, kind order. */
    public static List<ModelTrainer.Trained> run(SparkSession spark, List<ModelTask> tasks, Instant trainCutoff,
                                                 Instant holdoutCutoff, Instant trainedAt,
                                                 TrainingSettings settings) {
        long start = System.nanoTime();
        System.err.printf("features at %s (train) and %s (holdout)%n", trainCutoff, holdoutCutoff);
        Dataset<Row> train = MemberFeatureBuilder.computeAndStore(spark, trainCutoff, trainedAt);
        Dataset<Row> holdout = MemberFeatureBuilder.computeAndStore(spark, holdoutCutoff, trainedAt);
        String snapshots = FeatureSources.pin(spark).snapshotsJson();
        ModelTrainer trainer = new ModelTrainer(new ModelRegistry(spark), settings);
        List<ModelTrainer.Trained> all = new ArrayList<>();
        for (ModelTask task : tasks) {
            System.err.printf("training %s (%s search): %s%n", task.modelName(), settings.name(),
                    List.of(ModelKind.values()));
            all.addAll(trainer.train(task, train, holdout, trainCutoff, holdoutCutoff, snapshots, trainedAt));
        }
        LOG.info("event=train_done models={} millis={}", all.size(), (System.nanoTime() - start) / 1_000_000);
        return all;
    }

    /** One line per model: AUC-ROC, AUC-PR, the top decile's lift, training time, and which one scoring uses. */
    public static void print(List<ModelTrainer.Trained> trained, PrintStream out) {
        String format = "%-11s %-20s %-8s %8s %8s %9s %9s %9s  %s%n";
        out.printf(format, "model", "kind", "version", "auc_roc", "auc_pr", "base_rate", "lift@10%", "train_s",
                "selected");
        for (ModelTrainer.Trained t : trained) {
            out.printf(Locale.ROOT, format, t.model().name(), t.model().kind().id(), t.model().version(),
                    String.format(Locale.ROOT, "%.4f", t.metrics().aucRoc()),
                    String.format(Locale.ROOT, "%.4f", t.metrics().aucPr()),
                    String.format(Locale.ROOT, "%.3f", t.metrics().positiveRate()),
                    String.format(Locale.ROOT, "%.2f", t.metrics().deciles().get(0).lift()),
                    String.format(Locale.ROOT, "%.1f", t.trainMillis() / 1000.0), t.model().selected() ? "*" : "");
        }
    }

    private static Cutoffs.Pair defaultCutoffs(SparkSession spark) {
        Row row = spark.sql("SELECT min(occurred_at), max(occurred_at) FROM " + FeatureSources.name(
                loyalty.lakehouse.table.RawEvents.ID)).first();
        if (row.isNullAt(0)) {
            throw new IllegalStateException("raw.events is empty: nothing to train on");
        }
        return Cutoffs.defaults((Instant) row.get(0), (Instant) row.get(1));
    }
}
