package loyalty.ml.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.MemberScores;
import loyalty.ml.features.MemberFeatureBuilder;
import loyalty.ml.models.ModelKind;
import loyalty.ml.models.ModelRegistry;
import loyalty.ml.models.ModelTask;
import loyalty.ml.models.RegisteredModel;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every member at a cutoff with the newest registered model of a task: features at the cutoff (stored in
 * ml.member_features as well), the model's positive-class probability, written to {@code ml.member_scores} (a rerun
 * of the same cutoff and model replaces its rows). Publishing them as events is {@link ScorePublisher}'s job.
 */
public final class MemberScorer {
    public static final String TABLE = LakehouseConfig.CATALOG_NAME + "." + MemberScores.ID;
    private static final Logger LOG = LoggerFactory.getLogger(MemberScorer.class);

    private final SparkSession spark;
    private final ModelRegistry registry;

    public MemberScorer(SparkSession spark) {
        this.spark = spark;
        this.registry = new ModelRegistry(spark);
    }

    /**
     * @param kind a model kind to use instead of the selected one of the newest version
     * @throws IllegalStateException when no model of the task is registered
     */
    public List<MemberScore> score(ModelTask task, Optional<ModelKind> kind, Instant cutoff, Instant scoredAt) {
        RegisteredModel model = registry.newest(task.modelName(), kind).orElseThrow(() -> new IllegalStateException(
                "no " + task.modelName() + " model is registered in " + ModelRegistry.TABLE + ": train one first"));
        long start = System.nanoTime();
        Dataset<Row> features = MemberFeatureBuilder.computeAndStore(spark, cutoff, scoredAt);
        String version = modelVersion(model);
        Dataset<Row> scores = registry.load(model).transform(features).select(
                col("program"), col("member_id"), lit(task.modelName()).as("model"), lit(version).as("model_version"),
                functions.vector_to_array(col("probability"), "float64").getItem(1).as("score"),
                lit(scoredAt).as("scored_at"), col("cutoff"), lit(model.modelId()).as("model_id"))
                .orderBy("program", "member_id").cache();
        spark.sql("DELETE FROM " + TABLE + " WHERE model = '" + task.modelName() + "' AND model_id = '"
                + model.modelId() + "' AND cutoff = TIMESTAMP '" + cutoff + "'");
        try {
            scores.writeTo(TABLE).append();
        } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new IllegalStateException(TABLE + " does not exist: run Lakehouse.ensureTables() first", e);
        }
        List<MemberScore> out = scores.collectAsList().stream().map(r -> new MemberScore(r.getString(0),
                r.getString(1), r.getString(2), r.getString(3), r.getDouble(4), (Instant) r.get(5),
                (Instant) r.get(6), r.getString(7))).toList();
        scores.unpersist();
        LOG.info("event=members_scored model={} model_id={} cutoff={} members={} millis={}", task.modelName(),
                model.modelId(), cutoff, out.size(), (System.nanoTime() - start) / 1_000_000);
        return out;
    }

    /** What ml.scored carries as model_version: the registry version and the kind, e.g. {@code 3-gbt}. */
    static String modelVersion(RegisteredModel model) {
        return model.version() + "-" + model.kind().id();
    }
}
