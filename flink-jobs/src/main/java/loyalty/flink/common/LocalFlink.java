package loyalty.flink.common;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local execution sized for the demo box (2 cores, 24 GiB shared with Kafka, PostgreSQL and Trino): one task
 * manager with one slot per parallel subtask, small managed and network memory (the heap state backend does not
 * use managed memory), and a failure-rate restart: a failing task is retried after a second, and the job fails only
 * when failures come faster than {@link #MAX_FAILURES_PER_INTERVAL} in {@link #FAILURE_RATE_INTERVAL}. A fixed count
 * over the job's whole life would end a week-long local stack after its fifth transient failure (a broker hiccup,
 * a fenced producer on restore), and a test that injects failures would fail on one spurious failure more.
 *
 * <p>With a checkpoint folder, checkpoints are kept when the job is cancelled and the next start resumes from the
 * newest one, so stopping and starting the local stack neither loses deduplication state nor writes a row twice.
 * The resumed job claims that checkpoint: Flink deletes it once a newer one exists, so the folder does not grow.
 */
public final class LocalFlink {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFlink.class);

    static final int MAX_FAILURES_PER_INTERVAL = 10;
    static final Duration FAILURE_RATE_INTERVAL = Duration.ofMinutes(5);
    static final Duration RESTART_DELAY = Duration.ofSeconds(1);

    private LocalFlink() {
    }

    /**
     * @param checkpointDir where checkpoints are kept, or null to keep them in memory only (no resume)
     */
    public static StreamExecutionEnvironment environment(int parallelism, Path checkpointDir) {
        return StreamExecutionEnvironment.createLocalEnvironment(configuration(parallelism, checkpointDir));
    }

    /**
     * For a bounded job in BATCH mode (a replay, which sets its own batch options): no checkpoints, no resume.
     */
    public static StreamExecutionEnvironment batchEnvironment(int parallelism) {
        Configuration conf = configuration(parallelism, null);
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        return StreamExecutionEnvironment.createLocalEnvironment(conf);
    }

    static Configuration configuration(int parallelism, Path checkpointDir) {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("64m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("64m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("64m"));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "failure-rate");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_MAX_FAILURES_PER_INTERVAL,
                MAX_FAILURES_PER_INTERVAL);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_FAILURE_RATE_INTERVAL, FAILURE_RATE_INTERVAL);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_DELAY, RESTART_DELAY);
        if (checkpointDir != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            Optional<Path> latest = RetainedCheckpoints.latest(checkpointDir);
            latest.ifPresent(checkpoint -> {
                conf.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toUri().toString());
                conf.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
                LOG.info("event=resume_from_checkpoint path={}", checkpoint);
            });
        }
        return conf;
    }
}
