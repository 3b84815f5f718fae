package loyalty.ml.scoring;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import loyalty.contract.publish.EventPublisher;
import loyalty.ml.models.ModelKind;
import loyalty.ml.models.ModelTask;
import loyalty.ml.session.Cutoffs;
import loyalty.ml.session.JobArguments;
import loyalty.ml.session.LoyaltySpark;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code loyalty score}: scores every member at a cutoff with the newest registered model, writes
 * ml.member_scores and publishes one ml.scored event per member. Settings besides {@link JobArguments}':
 * <ul>
 *   <li>{@code --model churn|propensity} (default churn)</li>
 *   <li>{@code --kind recency_baseline|logistic_regression|gbt} (default: the selected model of the newest
 *       version)</li>
 *   <li>{@code --cutoff} (default now)</li>
 *   <li>{@code --kafka-bootstrap host:port}: where to publish; without it the scores are only written</li>
 * </ul>
 */
public final class ScoreJob {
    public static final Set<String> SETTINGS = Set.of("model", "kind", "cutoff", "kafka-bootstrap");
    private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);

    private ScoreJob() {
    }

    public static void main(String[] args) {
        JobArguments arguments = JobArguments.parse(SETTINGS, args);
        LOG.info("event=score_start settings={}", arguments.describe());
        ModelTask task = ModelTask.byName(arguments.option("model").orElse(ModelTask.CHURN.modelName()));
        Optional<ModelKind> kind = arguments.option("kind").map(ModelKind::byId);
        Instant scoredAt = Instant.now();
        Instant cutoff = arguments.option("cutoff").map(v -> Cutoffs.parse("cutoff", v)).orElse(scoredAt);
        SparkSession spark = LoyaltySpark.session(arguments.lakehouse(), arguments.master());
        try {
            List<MemberScore> scores = new MemberScorer(spark).score(task, kind, cutoff, scoredAt);
            int published = 0;
            Optional<String> bootstrap = arguments.option("kafka-bootstrap");
            if (bootstrap.isPresent()) {
                try (EventPublisher publisher = EventPublisher.connect(bootstrap.get(), "loyalty-ml-scores")) {
                    published = ScorePublisher.publish(scores, publisher);
                }
            }
            print(scores, published, bootstrap.isPresent(), System.out);
        } finally {
            spark.stop();
        }
    }

    /** The model, how many members were scored and published, and the score distribution by tenths. */
    public static void print(List<MemberScore> scores, int published, boolean publishing, PrintStream out) {
        if (scores.isEmpty()) {
            out.println("no members to score");
            return;
        }
        MemberScore first = scores.get(0);
        out.printf("model %s version %s (%s), cutoff %s: %d members scored, %s%n", first.model(),
                first.modelVersion(), first.modelId(), first.cutoff(), scores.size(),
                publishing ? published + " ml.scored events published" : "not published (no --kafka-bootstrap)");
        int[] buckets = new int[10];
        scores.forEach(s -> buckets[Math.min(9, (int) (s.score() * 10))]++);
        out.printf("%-11s %8s%n", "score", "members");
        for (int i = 9; i >= 0; i--) {
            out.printf(Locale.ROOT, "%.1f–%.1f %10d%n", i / 10.0, (i + 1) / 10.0, buckets[i]);
        }
    }
}
