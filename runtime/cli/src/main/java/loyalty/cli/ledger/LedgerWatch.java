package loyalty.cli.ledger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import loyalty.cli.UserError;
import loyalty.cli.stack.LocalStack;
import loyalty.contract.topic.Topics;
import loyalty.flink.common.JobHandle;
import loyalty.flink.common.RetainedCheckpoints;
import loyalty.flink.ledger.LedgerJobConfig;
import loyalty.stack.kafka.TopicReader;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a ledger job has taken in the whole resolved stream: its consumer group's offsets, which Flink commits
 * when a checkpoint completes (together with the ledger's state and its output transactions), have passed the
 * stream's last record. The last record, not the partition's end: a transactional topic ends with a commit marker,
 * which takes an offset no consumer ever reports as read.
 */
public final class LedgerWatch {
    private static final long POLL_MILLIS = 1_000;

    private LedgerWatch() {
    }

    /** The offset of the last record in each partition of the resolved stream, as a read_committed reader sees it. */
    public static Map<TopicPartition, Long> lastRecords(String bootstrapServers, Duration timeout) {
        Map<TopicPartition, Long> last = new HashMap<>();
        TopicReader.forEachToEnd(bootstrapServers, List.of(Topics.RESOLVED.name()), timeout,
                r -> last.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::max));
        return last;
    }

    /** The offsets to pass: one past each last record; their sum is {@link #takenIn}'s target. */
    public static long target(Map<TopicPartition, Long> lastRecords) {
        return lastRecords.values().stream().mapToLong(offset -> offset + 1).sum();
    }

    /**
     * How much of the stream up to {@code lastRecords} the group has committed, in offsets: {@link #target} once
     * it has taken in everything.
     */
    public static long takenIn(Admin admin, String groupId, Map<TopicPartition, Long> lastRecords) {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the offsets of " + groupId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of " + groupId + ": " + e.getMessage(), e);
        }
        long taken = 0;
        for (Map.Entry<TopicPartition, Long> e : lastRecords.entrySet()) {
            OffsetAndMetadata at = committed.get(e.getKey());
            taken += at == null ? 0 : Math.min(at.offset(), e.getValue() + 1);
        }
        return taken;
    }

    /**
     * The demo's wait: the stack's ledger job has taken in everything resolved so far, and two more checkpoints have
     * completed, by which time the outputs of the last one are committed too.
     */
    public static void await(LocalStack local, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path checkpoints = local.workspace().checkpoints().resolve("ledger");
        Map<TopicPartition, Long> last = lastRecords(local.kafka().bootstrapServers(), timeout);
        try (Admin admin = local.kafka().admin()) {
            while (takenIn(admin, LedgerJobConfig.DEFAULT_GROUP_ID, last) < target(last)) {
                check(local.ledger(), deadline, timeout);
                Thread.sleep(POLL_MILLIS); // poll interval: the offsets decide
            }
        }
        long now = RetainedCheckpoints.latestNumber(checkpoints);
        while (RetainedCheckpoints.latestNumber(checkpoints) < now + 2) {
            check(local.ledger(), deadline, timeout);
            Thread.sleep(POLL_MILLIS); // poll interval: the checkpoint count decides
        }
    }

    private static void check(JobHandle ledger, long deadline, Duration timeout) {
        JobStatus status = ledger.status();
        if (status.isGloballyTerminalState()) {
            throw new UserError("the ledger Flink job ended (" + status + "); see the log file.");
        }
        if (System.nanoTime() > deadline) {
            throw new UserError("the ledger did not take in every resolved event within " + timeout.toMinutes()
                    + " min; see the log file, or raise --timeout.");
        }
    }
}
