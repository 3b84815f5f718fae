package loyalty.cli.ledger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import loyalty.cli.UserError;
import loyalty.cli.identity.ResolvedWatch;
import loyalty.contract.topic.TopicSpec;
import loyalty.contract.topic.Topics;
import loyalty.flink.common.RetainedCheckpoints;
import loyalty.flink.identity.IdentityJobConfig;
import loyalty.flink.ledger.LedgerJobConfig;
import loyalty.flink.raw.RawEventsJobConfig;
import loyalty.flink.raw.RawEventsReader;
import loyalty.lakehouse.catalog.LakehouseConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a running stack has taken in everything sent to it so far, so that what it holds can be compared
 * (with its replay, with another load of the same events): the raw-events and identity jobs have committed every
 * input record; every event in raw.events is resolved or dead-lettered by resolution (history waits in identity's
 * state until the input goes quiet); the ledger has taken in the whole resolved stream, and two more checkpoints
 * have committed its outputs. Each condition is read from the stack's own offsets and tables, never from a timer.
 */
public final class SettledPipeline {
    private static final long POLL_MILLIS = 500;

    private SettledPipeline() {
    }

    /** What a settled stack has taken in. */
    public record Settled(long rawEvents, long resolvedOrDeadLettered) {
    }

    /**
     * @param ledgerCheckpoints the ledger job's retained checkpoints, or null when they are not on this machine (then
     *                          the wait ends once the ledger has taken in the resolved stream)
     */
    public static Settled await(String bootstrapServers, LakehouseConfig lakehouse, Path ledgerCheckpoints,
                                Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, Long> inputs = lastOffsets(admin, Topics.inputs());
            awaitTakenIn(admin, RawEventsJobConfig.DEFAULT_GROUP_ID, inputs, deadline, "the raw-events job");
            awaitTakenIn(admin, IdentityJobConfig.DEFAULT_GROUP_ID, inputs, deadline, "the identity job");
            long raw;
            try (RawEventsReader reader = RawEventsReader.open(lakehouse)) {
                raw = reader.count();
            }
            long settled;
            try (ResolvedWatch watch = new ResolvedWatch(bootstrapServers)) {
                watch.poll();
                while (watch.settled() < raw) {
                    check(deadline, "identity resolution", watch.settled() + " of " + raw + " events resolved");
                    Thread.sleep(POLL_MILLIS); // poll interval: the resolved stream decides
                    watch.poll();
                }
                settled = watch.settled();
            }
            awaitTakenIn(admin, LedgerJobConfig.DEFAULT_GROUP_ID, LedgerWatch.lastRecords(bootstrapServers, timeout),
                    deadline, "the ledger job");
            if (ledgerCheckpoints != null) {
                long now = RetainedCheckpoints.latestNumber(ledgerCheckpoints);
                while (RetainedCheckpoints.latestNumber(ledgerCheckpoints) < now + 2) {
                    check(deadline, "the ledger job", "its outputs not yet committed");
                    Thread.sleep(POLL_MILLIS); // poll interval: the checkpoint count decides
                }
            }
            return new Settled(raw, settled);
        }
    }

    /** Waits until {@code group} has committed past every record of {@code last} (LedgerWatch's measure). */
    private static void awaitTakenIn(Admin admin, String group, Map<TopicPartition, Long> last, long deadline,
                                     String job) throws InterruptedException {
        long target = LedgerWatch.target(last);
        long taken;
        while ((taken = LedgerWatch.takenIn(admin, group, last)) < target) {
            check(deadline, job, (target - taken) + " of " + target + " offsets not yet taken in");
            Thread.sleep(POLL_MILLIS); // poll interval: the committed offsets decide
        }
    }

    /**
     * The offset of each non-empty partition's last record: its end less one, since the input topics are written
     * without transactions (no markers after the last record).
     */
    private static Map<TopicPartition, Long> lastOffsets(Admin admin, List<TopicSpec<String, byte[]>> topics) {
        List<TopicPartition> partitions = get(admin.describeTopics(topics.stream().map(TopicSpec::name).toList())
                .allTopicNames()).values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = get(admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()))).all());
        return ends.entrySet().stream().filter(e -> e.getValue().offset() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset() - 1));
    }

    private static void check(long deadline, String who, String state) {
        if (System.nanoTime() > deadline) {
            throw new UserError(who + " did not settle in time (" + state + "); see the log file, or raise"
                    + " --timeout.");
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading from Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read from Kafka: " + e.getMessage(), e);
        }
    }
}
