package loyalty.flink.identity;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import loyalty.flink.common.Delivery;
import loyalty.flink.common.EventClock;
import loyalty.flink.serving.ServingDb;
import loyalty.lakehouse.catalog.LakehouseConfig;
import org.apache.flink.util.TimeUtils;

/**
 * Settings of the identity job.
 *
 * @param outOfOrderness how late an event may arrive and still take its place in event-time order (SPEC §1); also
 *                       the least delay between an event and its resolution. For a bulk load of history, set it
 *                       to cover the whole history: the job then orders all of it and resolves it when the input
 *                       goes quiet.
 * @param idleness       a partition that sends nothing for this long stops holding the watermark back
 * @param quietFlush     when no event arrives for this long, everything waiting is resolved
 * @param appliedTtl     how long an applied event id is remembered (the idempotency window)
 * @param serving        where to keep the serving tables (members, identifiers), or null for none
 * @param delivery       of the Kafka outputs, and the checkpointing mode that goes with it
 * @param clock          which events move the watermark: never future ones; with a live window only live ones, so
 *                       that a load of history is ordered whole and resolved when the input goes quiet
 *                       ({@link EventClock})
 */
public record IdentityJobConfig(
        String bootstrapServers,
        LakehouseConfig lakehouse,
        String groupId,
        Duration checkpointInterval,
        Duration outOfOrderness,
        Duration idleness,
        Duration quietFlush,
        Duration appliedTtl,
        int parallelism,
        String checkpointDir,
        ServingDb serving,
        Delivery delivery,
        EventClock clock) implements Serializable {

    public static final String DEFAULT_GROUP_ID = "loyalty-identity";
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(5);
    public static final Duration DEFAULT_QUIET_FLUSH = Duration.ofSeconds(5);
    public static final Duration DEFAULT_APPLIED_TTL = Duration.ofDays(7);
    /** For loading history in bulk: longer than any generated or imported history. */
    public static final Duration BACKFILL_OUT_OF_ORDERNESS = Duration.ofDays(3650);

    public IdentityJobConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(lakehouse, "lakehouse");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(clock, "clock");
        for (Duration d : new Duration[] {checkpointInterval, outOfOrderness, idleness, quietFlush, appliedTtl}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive, got " + d);
            }
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
    }

    public static IdentityJobConfig defaults(String bootstrapServers, LakehouseConfig lakehouse) {
        return new IdentityJobConfig(bootstrapServers, lakehouse, DEFAULT_GROUP_ID, DEFAULT_CHECKPOINT_INTERVAL,
                DEFAULT_OUT_OF_ORDERNESS, DEFAULT_IDLENESS, DEFAULT_QUIET_FLUSH, DEFAULT_APPLIED_TTL, 2, null, null,
                Delivery.EXACTLY_ONCE, EventClock.everyEvent());
    }

    public IdentityJobConfig withGroupId(String id) {
        return new IdentityJobConfig(bootstrapServers, lakehouse, id, checkpointInterval, outOfOrderness, idleness,
                quietFlush, appliedTtl, parallelism, checkpointDir, serving, delivery, clock);
    }

    public IdentityJobConfig withCheckpointInterval(Duration d) {
        return new IdentityJobConfig(bootstrapServers, lakehouse, groupId, d, outOfOrderness, idleness, quietFlush,
                appliedTtl, parallelism, checkpointDir, serving, delivery, clock);
    }

    public IdentityJobConfig withOutOfOrderness(Duration d) {
        return new IdentityJobConfig(bootstrapServers, lakehouse, groupId, checkpointInterval, d, idleness,
                quietFlush, appliedTtl, parallelism, checkpointDir, serving, delivery, clock);
    }

    public IdentityJobConfig withQuietFlush(Duration d) {
        return new IdentityJobConfig(bootstrapServers, lakehouse, groupId, checkpointInterval, outOfOrderness,
                idleness, d, appliedTtl, parallelism, checkpointDir, serving, delivery, clock);
    }

    public IdentityJobConfig withParallelism(int p) {
        return new IdentityJobConfig(bootstrapServers, lakehouse, groupId, checkpointInterval, outOfOrderness,
                idleness, quietFlush, appliedTtl, p, checkpointDir, serving, delivery, clock);
    }

    public IdentityJobConfig withCheckpointDir(Path dir) {
        return new IdentityJobConfig(bootstrapServers, lakehouse, groupId, checkpointInterval, outOfOrderness,
                idleness, quietFlush, appliedTtl, parallelism, dir == null ? null : dir.toAbsolutePath().toString(),
                serving, delivery, clock);
    }

    /** Also keep the serving tables in {@code db} (null: none). */
    public IdentityJobConfig withServing(ServingDb db) {
        return new IdentityJobConfig(bootstrapServers, lakehouse, groupId, checkpointInterval, outOfOrderness,
                idleness, quietFlush, appliedTtl, parallelism, checkpointDir, db, delivery, clock);
    }

    public IdentityJobConfig withDelivery(Delivery d) {
        return new IdentityJobConfig(bootstrapServers, lakehouse, groupId, checkpointInterval, outOfOrderness,
                idleness, quietFlush, appliedTtl, parallelism, checkpointDir, serving, d, clock);
    }

    /** Which events move the watermark (see {@link EventClock}). */
    public IdentityJobConfig withClock(EventClock c) {
        return new IdentityJobConfig(bootstrapServers, lakehouse, groupId, checkpointInterval, outOfOrderness,
                idleness, quietFlush, appliedTtl, parallelism, checkpointDir, serving, delivery, c);
    }

    public Path checkpointPath() {
        return checkpointDir == null ? null : Path.of(checkpointDir);
    }

    /** Reads the settings named in {@link IdentityJob}'s Javadoc; absent optional ones take their defaults. */
    public static IdentityJobConfig fromProperties(Properties p) {
        LakehouseConfig lakehouse = new LakehouseConfig(required(p, "catalog-uri"), required(p, "catalog-user"),
                required(p, "catalog-password"), required(p, "warehouse"));
        return new IdentityJobConfig(required(p, "bootstrap-servers"), lakehouse,
                p.getProperty("group-id", DEFAULT_GROUP_ID),
                duration(p, "checkpoint-interval", DEFAULT_CHECKPOINT_INTERVAL),
                duration(p, "out-of-orderness", DEFAULT_OUT_OF_ORDERNESS),
                duration(p, "idleness", DEFAULT_IDLENESS),
                duration(p, "quiet-flush", DEFAULT_QUIET_FLUSH),
                duration(p, "applied-ttl", DEFAULT_APPLIED_TTL),
                Integer.parseInt(p.getProperty("parallelism", "2").trim()),
                p.getProperty("checkpoint-dir"),
                ServingDb.fromProperties(p),
                Delivery.parse(p.getProperty("delivery", Delivery.EXACTLY_ONCE.wireName())),
                new EventClock(duration(p, "future-tolerance", EventClock.DEFAULT_FUTURE_TOLERANCE),
                        "none".equals(p.getProperty("live-window", "").trim()) ? null
                                : duration(p, "live-window", EventClock.DEFAULT_LIVE_WINDOW)));
    }

    public Map<String, String> describe() {
        return Map.ofEntries(Map.entry("bootstrap-servers", bootstrapServers),
                Map.entry("catalog-uri", lakehouse.jdbcUrl()), Map.entry("group-id", groupId),
                Map.entry("checkpoint-interval", checkpointInterval.toString()),
                Map.entry("out-of-orderness", outOfOrderness.toString()), Map.entry("idleness", idleness.toString()),
                Map.entry("quiet-flush", quietFlush.toString()), Map.entry("applied-ttl", appliedTtl.toString()),
                Map.entry("parallelism", String.valueOf(parallelism)),
                Map.entry("checkpoint-dir", String.valueOf(checkpointDir)), Map.entry("delivery", delivery.wireName()),
                Map.entry("future-tolerance", clock.futureTolerance().toString()),
                Map.entry("live-window", String.valueOf(clock.liveWindow())));
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
        try {
            return value == null ? fallback : TimeUtils.parseDuration(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + key + ": not a duration (e.g. 30s, 7d): " + value, e);
        }
    }
}
