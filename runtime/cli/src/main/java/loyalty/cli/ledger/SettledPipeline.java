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
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
            List<TopicPartition> inputs = partitions(admin, Topics.inputs());
            Map<TopicPartition, Long> inputEnd = ends(admin, inputs);
            awaitCommitted(admin, RawEventsJobConfig.DEFAULT_GROUP_ID, inputEnd, deadline, "the raw-events job");
            awaitCommitted(admin, IdentityJobConfig.DEFAULT_GROUP_ID, inputEnd, deadline, "the identity job");
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
            Map<TopicPartition, Long> last = LedgerWatch.lastRecords(bootstrapServers, timeout);
            while (LedgerWatch.takenIn(admin, LedgerJobConfig.DEFAULT_GROUP_ID, last) < LedgerWatch.target(last)) {
                check(deadline, "the ledger job", "the resolved stream not yet taken in");
                Thread.sleep(POLL_MILLIS); // poll interval: the offsets decide
            }
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

    private static void awaitCommitted(Admin admin, String group, Map<TopicPartition, Long> end, long deadline,
                                       String job) throws InterruptedException {
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata());
            long behind = end.entrySet().stream().filter(e -> e.getValue() > 0)
                    .filter(e -> committed.get(e.getKey()) == null
                            || committed.get(e.getKey()).offset() < e.getValue())
                    .count();
            if (behind == 0) {
                return;
            }
            check(deadline, job, behind + " input partition(s) not yet taken in");
            Thread.sleep(POLL_MILLIS); // poll interval: the committed offsets decide
        }
    }

    private static List<TopicPartition> partitions(Admin admin, List<TopicSpec<String, byte[]>> topics) {
        return get(admin.describeTopics(topics.stream().map(TopicSpec::name).toList()).allTopicNames()).values()
                .stream().flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
    }

    private static Map<TopicPartition, Long> ends(Admin admin, List<TopicPartition> partitions) {
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info = get(admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()))).all());
        return info.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
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
