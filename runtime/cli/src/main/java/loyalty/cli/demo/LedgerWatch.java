package loyalty.cli.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import loyalty.cli.UserError;
import loyalty.cli.stack.LocalStack;
import loyalty.contract.topic.Topics;
import loyalty.flink.common.RetainedCheckpoints;
import loyalty.flink.ledger.LedgerJobConfig;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the ledger job has taken in the whole resolved stream: its consumer group's offsets (committed by
 * Flink when a checkpoint completes) pass the stream's last record, and two more checkpoints have completed, by
 * which time their outputs are committed too. The last record, not the partition's end: a transactional topic ends
 * with a commit marker, which takes an offset no consumer ever reports as read.
 */
final class LedgerWatch {
    private static final long POLL_MILLIS = 1_000;

    private LedgerWatch() {
    }

    static void await(LocalStack local, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path checkpoints = local.workspace().checkpoints().resolve("ledger");
        Map<TopicPartition, Long> last = new java.util.HashMap<>();
        loyalty.stack.kafka.TopicReader.forEachToEnd(local.kafka().bootstrapServers(),
                List.of(Topics.RESOLVED.name()), timeout, r -> last.merge(new TopicPartition(r.topic(), r.partition()),
                        r.offset(), Math::max));
        try (Admin admin = local.kafka().admin()) {
            while (!caughtUp(admin, last)) {
                check(local, deadline, timeout);
                Thread.sleep(POLL_MILLIS); // poll interval: the offsets decide
            }
        }
        long now = RetainedCheckpoints.latestNumber(checkpoints);
        while (RetainedCheckpoints.latestNumber(checkpoints) < now + 2) {
            check(local, deadline, timeout);
            Thread.sleep(POLL_MILLIS); // poll interval: the checkpoint count decides
        }
    }

    private static boolean caughtUp(Admin admin, Map<TopicPartition, Long> lastRecord) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin
                .listConsumerGroupOffsets(LedgerJobConfig.DEFAULT_GROUP_ID).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        for (Map.Entry<TopicPartition, Long> e : lastRecord.entrySet()) {
            OffsetAndMetadata at = committed.get(e.getKey());
            if (at == null || at.offset() <= e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void check(LocalStack local, long deadline, Duration timeout) {
        JobStatus status = local.ledger().status();
        if (status.isGloballyTerminalState()) {
            throw new UserError("the ledger Flink job ended (" + status + "); see the log file.");
        }
        if (System.nanoTime() > deadline) {
            throw new UserError("the ledger did not take in every resolved event within " + timeout.toMinutes()
                    + " min; see the log file, or raise --timeout.");
        }
    }
}
