package loyalty.flink.ledger;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import loyalty.flink.common.Delivery;
import loyalty.flink.serving.ServingDb;
import loyalty.lakehouse.catalog.LakehouseConfig;

/**
 * Settings of the ledger job.
 *
 * @param idleness a resolved-stream partition that sends nothing for this long stops holding back the event-time
 *                 clock that fires availability, expiry, review and birthday timers
 * @param serving    where to keep the serving tables (balances, entries), or null for none
 * @param delivery   of the Kafka outputs, and the checkpointing mode that goes with it; the resolved stream is
 *                   read read_committed either way (see ResolvedSource)
 * @param liveClockLag on live input: when no event moves event time, the wall clock less this lag does (see
 *                   {@link LiveClock}), so points become available and expire on a quiet stack; null over history
 *                   (a backfill), where event time alone must rule
 */
public record LedgerJobConfig(String bootstrapServers, LakehouseConfig lakehouse, String groupId,
                              Duration checkpointInterval, Duration idleness, int parallelism,
                              String checkpointDir, ServingDb serving, Delivery delivery,
                              Duration liveClockLag)
        implements Serializable {
    public static final String DEFAULT_GROUP_ID = "loyalty-ledger";

    public LedgerJobConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(lakehouse, "lakehouse");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(delivery, "delivery");
    }

    public static LedgerJobConfig defaults(String bootstrapServers, LakehouseConfig lakehouse) {
        return new LedgerJobConfig(bootstrapServers, lakehouse, DEFAULT_GROUP_ID, Duration.ofSeconds(10),
                Duration.ofSeconds(5), 2, null, null, Delivery.EXACTLY_ONCE, null);
    }

    public LedgerJobConfig withCheckpointInterval(Duration d) {
        return new LedgerJobConfig(bootstrapServers, lakehouse, groupId, d, idleness, parallelism, checkpointDir,
                serving, delivery, liveClockLag);
    }

    public LedgerJobConfig withParallelism(int p) {
        return new LedgerJobConfig(bootstrapServers, lakehouse, groupId, checkpointInterval, idleness, p,
                checkpointDir, serving, delivery, liveClockLag);
    }

    public LedgerJobConfig withGroupId(String id) {
        return new LedgerJobConfig(bootstrapServers, lakehouse, id, checkpointInterval, idleness, parallelism,
                checkpointDir, serving, delivery, liveClockLag);
    }

    public LedgerJobConfig withCheckpointDir(Path dir) {
        return new LedgerJobConfig(bootstrapServers, lakehouse, groupId, checkpointInterval, idleness, parallelism,
                dir == null ? null : dir.toAbsolutePath().toString(), serving, delivery, liveClockLag);
    }

    /** Also keep the serving tables in {@code db} (null: none). */
    public LedgerJobConfig withServing(ServingDb db) {
        return new LedgerJobConfig(bootstrapServers, lakehouse, groupId, checkpointInterval, idleness, parallelism,
                checkpointDir, db, delivery, liveClockLag);
    }

    public LedgerJobConfig withDelivery(Delivery d) {
        return new LedgerJobConfig(bootstrapServers, lakehouse, groupId, checkpointInterval, idleness, parallelism,
                checkpointDir, serving, d, liveClockLag);
    }

    /** Let the wall clock less {@code lag} move event time while input is quiet (live input only; null: never). */
    public LedgerJobConfig withLiveClock(Duration lag) {
        return new LedgerJobConfig(bootstrapServers, lakehouse, groupId, checkpointInterval, idleness, parallelism,
                checkpointDir, serving, delivery, lag);
    }

    /**
     * Reads {@code --bootstrap-servers}, {@code --catalog-uri}, {@code --catalog-user}, {@code --catalog-password},
     * {@code --warehouse} (required) and {@code --group-id}, {@code --checkpoint-interval}, {@code --idleness},
     * {@code --parallelism}, {@code --delivery} ({@code exactly-once} or {@code at-least-once}), and
     * {@code --serving-jdbc-url}, {@code --serving-user}, {@code --serving-password}, and {@code --live-clock-lag}
     * (e.g. {@code 2min}; absent: event time only).
     */
    public static LedgerJobConfig fromProperties(java.util.Properties p) {
        LakehouseConfig lakehouse = new LakehouseConfig(required(p, "catalog-uri"), required(p, "catalog-user"),
                required(p, "catalog-password"), required(p, "warehouse"));
        return new LedgerJobConfig(required(p, "bootstrap-servers"), lakehouse,
                p.getProperty("group-id", DEFAULT_GROUP_ID),
                org.apache.flink.util.TimeUtils.parseDuration(p.getProperty("checkpoint-interval", "10s").trim()),
                org.apache.flink.util.TimeUtils.parseDuration(p.getProperty("idleness", "5s").trim()),
                Integer.parseInt(p.getProperty("parallelism", "2").trim()), null, ServingDb.fromProperties(p),
                Delivery.parse(p.getProperty("delivery", Delivery.EXACTLY_ONCE.wireName())),
                p.getProperty("live-clock-lag") == null ? null
                        : org.apache.flink.util.TimeUtils.parseDuration(p.getProperty("live-clock-lag").trim()));
    }

    private static String required(java.util.Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing setting --" + key);
        }
        return value.trim();
    }

    public Path checkpointPath() {
        return checkpointDir == null ? null : Path.of(checkpointDir);
    }
}
