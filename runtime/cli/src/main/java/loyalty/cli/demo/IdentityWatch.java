package loyalty.cli.demo;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import loyalty.cli.UserError;
import loyalty.cli.console.Progress;
import loyalty.cli.stack.LocalStack;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.EventJson;
import loyalty.contract.topic.Topics;
import loyalty.contract.validation.RejectReason;
import loyalty.flink.identity.ResolvedLog;
import me.tongfei.progressbar.ProgressBar;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the identity job's output as it is committed (read_committed): the resolved stream into a
 * {@link ResolvedLog}, and the events that resolution dead-lettered. Each event ends in exactly one of the two, so
 * together they say when every event has been resolved.
 */
final class IdentityWatch implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, byte[]> consumer;
    private final ResolvedLog log = new ResolvedLog();
    private final Set<String> deadLettered = new HashSet<>();

    IdentityWatch(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = List.of(Topics.RESOLVED.name(), Topics.DEAD_LETTER.name()).stream()
                .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits until {@code expected} distinct events are resolved or dead-lettered by resolution. */
    ResolvedLog await(LocalStack local, long expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ProgressBar bar = Progress.bar("identity", expected, null, 1)) {
            while (done() < expected) {
                poll();
                bar.stepTo(done());
                JobStatus status = local.identity().status();
                if (status.isGloballyTerminalState()) {
                    throw new UserError("the identity Flink job ended (" + status + "); see the log file.");
                }
                if (System.nanoTime() > deadline) {
                    throw new UserError("only " + done() + " of " + expected + " events were resolved within "
                            + timeout.toMinutes() + " min; see the log file, or raise --timeout.");
                }
            }
            bar.stepTo(done());
        }
        return log;
    }

    long deadLettered() {
        return deadLettered.size();
    }

    private long done() {
        return log.events() + deadLettered.size();
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
            if (r.topic().equals(Topics.RESOLVED.name())) {
                log.add(r.value());
            } else if (RejectReason.NO_USABLE_IDENTIFIER.code().equals(DeadLetter.reasonOf(r.headers()))) {
                deadLettered.add(eventId(r.value()));
            }
        }
    }

    private static String eventId(byte[] json) {
        try {
            return EventJson.mapper().readTree(json).path("event_id").asText();
        } catch (Exception e) {
            return "?";
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
