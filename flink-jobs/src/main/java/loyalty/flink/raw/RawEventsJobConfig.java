package loyalty.flink.raw;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import loyalty.flink.common.EventClock;
import loyalty.lakehouse.catalog.LakehouseConfig;
import org.apache.flink.util.TimeUtils;

/**
 * Settings of the raw-events job.
 *
 * @param bootstrapServers   Kafka brokers to read the input topics from and write dead letters to
 * @param lakehouse          the Iceberg catalog holding raw.events
 * @param groupId            Kafka consumer group: offsets are committed there on each checkpoint, and a start without
 *                           restored state begins from them (else from the earliest offset)
 * @param checkpointInterval how often rows are committed to raw.events (each checkpoint is a commit)
 * @param dedupeTtl          how long an event id is remembered after its first copy
 * @param parallelism        parallelism of every operator (the Iceberg committer always runs as one)
 * @param checkpointDir      local runs only: the folder where checkpoints are kept and resumed from; null keeps
 *                           them in memory (a String, as {@link Path} is not serialisable)
 * @param futureTolerance    an event dated more than this after it reached Kafka is dead-lettered {@code future_time}
 */
public record RawEventsJobConfig(
        String bootstrapServers,
        LakehouseConfig lakehouse,
        String groupId,
        Duration checkpointInterval,
        Duration dedupeTtl,
        int parallelism,
        String checkpointDir,
        Duration futureTolerance) implements Serializable {

    public static final String DEFAULT_GROUP_ID = "loyalty-raw-events";
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DEDUPE_TTL = Duration.ofDays(7);
    public static final int DEFAULT_PARALLELISM = 2;

    public RawEventsJobConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(lakehouse, "lakehouse");
        Objects.requireNonNull(groupId, "groupId");
        requirePositive(checkpointInterval, "checkpointInterval");
        requirePositive(dedupeTtl, "dedupeTtl");
        requirePositive(futureTolerance, "futureTolerance");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
    }

    public static RawEventsJobConfig defaults(String bootstrapServers, LakehouseConfig lakehouse) {
        return new RawEventsJobConfig(bootstrapServers, lakehouse, DEFAULT_GROUP_ID, DEFAULT_CHECKPOINT_INTERVAL,
                DEFAULT_DEDUPE_TTL, DEFAULT_PARALLELISM, null, EventClock.DEFAULT_FUTURE_TOLERANCE);
    }

    public RawEventsJobConfig withGroupId(String id) {
        return new RawEventsJobConfig(bootstrapServers, lakehouse, id, checkpointInterval, dedupeTtl, parallelism,
                checkpointDir, futureTolerance);
    }

    public RawEventsJobConfig withCheckpointInterval(Duration interval) {
        return new RawEventsJobConfig(bootstrapServers, lakehouse, groupId, interval, dedupeTtl, parallelism,
                checkpointDir, futureTolerance);
    }

    public RawEventsJobConfig withDedupeTtl(Duration ttl) {
        return new RawEventsJobConfig(bootstrapServers, lakehouse, groupId, checkpointInterval, ttl, parallelism,
                checkpointDir, futureTolerance);
    }

    public RawEventsJobConfig withParallelism(int p) {
        return new RawEventsJobConfig(bootstrapServers, lakehouse, groupId, checkpointInterval, dedupeTtl, p,
                checkpointDir, futureTolerance);
    }

    public RawEventsJobConfig withCheckpointDir(Path dir) {
        return new RawEventsJobConfig(bootstrapServers, lakehouse, groupId, checkpointInterval, dedupeTtl,
                parallelism, dir == null ? null : dir.toAbsolutePath().toString(), futureTolerance);
    }

    public RawEventsJobConfig withFutureTolerance(Duration tolerance) {
        return new RawEventsJobConfig(bootstrapServers, lakehouse, groupId, checkpointInterval, dedupeTtl,
                parallelism, checkpointDir, tolerance);
    }

    /** The checkpoint folder of local runs, if any. */
    public Path checkpointPath() {
        return checkpointDir == null ? null : Path.of(checkpointDir);
    }

    /**
     * Reads the settings named in {@link RawEventsJob}'s Javadoc; absent optional ones take their defaults.
     *
     * @throws IllegalArgumentException naming the first missing or malformed setting
     */
    public static RawEventsJobConfig fromProperties(Properties p) {
        LakehouseConfig lakehouse = new LakehouseConfig(required(p, "catalog-uri"), required(p, "catalog-user"),
                required(p, "catalog-password"), required(p, "warehouse"));
        return new RawEventsJobConfig(
                required(p, "bootstrap-servers"),
                lakehouse,
                p.getProperty("group-id", DEFAULT_GROUP_ID),
                duration(p, "checkpoint-interval", DEFAULT_CHECKPOINT_INTERVAL),
                duration(p, "dedupe-ttl", DEFAULT_DEDUPE_TTL),
                integer(p, "parallelism", DEFAULT_PARALLELISM),
                p.getProperty("checkpoint-dir"),
                duration(p, "future-tolerance", EventClock.DEFAULT_FUTURE_TOLERANCE));
    }

    /** What is safe to log: everything but the catalog password. */
    public Map<String, String> describe() {
        return Map.of(
                "bootstrap-servers", bootstrapServers,
                "catalog-uri", lakehouse.jdbcUrl(),
                "warehouse", lakehouse.warehouse(),
                "group-id", groupId,
                "checkpoint-interval", checkpointInterval.toString(),
                "dedupe-ttl", dedupeTtl.toString(),
                "parallelism", String.valueOf(parallelism),
                "checkpoint-dir", String.valueOf(checkpointDir),
                "future-tolerance", futureTolerance.toString());
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing setting --" + key);
        }
        return value.trim();
    }

    private static Duration duration(Properties p, String key, Duration fallback) {
        String value = p.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            return TimeUtils.parseDuration(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + key + ": not a duration (e.g. 10s, 7d): " + value, e);
        }
    }

    private static int integer(Properties p, String key, int fallback) {
        String value = p.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": not an integer: " + value, e);
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
