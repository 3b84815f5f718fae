package loyalty.flink.passthrough;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import loyalty.flink.raw.RawEventsJobConfig;

/**
 * Settings of the pass-through job.
 *
 * @param bootstrapServers   Kafka brokers holding the input topics and the output topic
 * @param outputTopic        where every input record's bytes are written; it must exist
 * @param groupId            consumer group: input offsets are committed there on each checkpoint; a group
 *                           without committed offsets starts from the earliest offsets
 * @param checkpointInterval how often a checkpoint is taken (the sink flushes its producer on each)
 * @param parallelism        parallelism of every operator
 * @param checkpointDir      local runs only: where checkpoints are written, or null to keep them in memory (a
 *                           String, as {@link Path} is not serialisable)
 */
public record PassThroughJobConfig(
        String bootstrapServers,
        String outputTopic,
        String groupId,
        Duration checkpointInterval,
        int parallelism,
        String checkpointDir) implements Serializable {

    public PassThroughJobConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(outputTopic, "outputTopic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("checkpointInterval must be positive, got " + checkpointInterval);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
    }

    /**
     * The settings that make a fair comparison with a raw-events job: the same brokers, checkpoint interval and
     * parallelism, so both commit their output at the same pace with the same number of subtasks.
     */
    public static PassThroughJobConfig matching(RawEventsJobConfig raw, String outputTopic, String groupId) {
        return new PassThroughJobConfig(raw.bootstrapServers(), outputTopic, groupId, raw.checkpointInterval(),
                raw.parallelism(), null);
    }

    public PassThroughJobConfig withCheckpointDir(Path dir) {
        return new PassThroughJobConfig(bootstrapServers, outputTopic, groupId, checkpointInterval, parallelism,
                dir == null ? null : dir.toAbsolutePath().toString());
    }

    public Path checkpointPath() {
        return checkpointDir == null ? null : Path.of(checkpointDir);
    }

    public Map<String, String> describe() {
        return Map.of(
                "bootstrap-servers", bootstrapServers,
                "output-topic", outputTopic,
                "group-id", groupId,
                "checkpoint-interval", checkpointInterval.toString(),
                "parallelism", String.valueOf(parallelism),
                "checkpoint-dir", String.valueOf(checkpointDir));
    }
}
