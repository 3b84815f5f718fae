package loyalty.cli.identity;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.EventJson;
import loyalty.contract.topic.Topics;
import loyalty.flink.identity.ResolvedLog;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows what the identity job delivers, as the ledger would see it (read_committed): the resolved stream into a
 * {@link ResolvedLog}, and the distinct events it dead-lettered for want of a usable identifier. An event is
 * settled once it is on either. Reading as the job writes means the log is complete the moment the last event
 * settles, with no second pass over the topic.
 */
public final class ResolvedWatch implements AutoCloseable {
    public static final String NO_USABLE_IDENTIFIER = "no_usable_identifier";
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ResolvedLog log = new ResolvedLog();
    // a redelivered copy of a refused event is dead-lettered again (SPEC §13.17): count each event once
    private final Set<String> deadLettered = new HashSet<>();
    private final Map<TopicPartition, Long> lastResolved = new HashMap<>();
    private long firstSeenNanos = -1;
    private long firstWrittenMillis = -1;

    public ResolvedWatch(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.RESOLVED.name(), Topics.DEAD_LETTER.name())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what has arrived, waiting up to a tenth of a second for something. */
    public void poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            if (Topics.RESOLVED.name().equals(record.topic())) {
                if (firstSeenNanos < 0) {
                    firstSeenNanos = System.nanoTime();
                }
                if (firstWrittenMillis < 0 || record.timestamp() < firstWrittenMillis) {
                    firstWrittenMillis = record.timestamp();
                }
                log.add(record.value());
                lastResolved.merge(new TopicPartition(record.topic(), record.partition()), record.offset(),
                        Math::max);
            } else if (NO_USABLE_IDENTIFIER.equals(DeadLetter.reasonOf(record.headers()))) {
                // the publisher's own rejections (malformed lines) share the topic under other reasons
                deadLettered.add(eventId(record.value()));
            }
        }
    }

    /** Distinct events on the resolved stream or dead-lettered by resolution. */
    public long settled() {
        return log.events() + deadLettered.size();
    }

    /** The offset of the last resolved record read in each partition (what a ledger must pass to be caught up). */
    public Map<TopicPartition, Long> lastResolvedOffsets() {
        return Map.copyOf(lastResolved);
    }

    public ResolvedLog log() {
        return log;
    }

    public Set<String> deadLettered() {
        return Set.copyOf(deadLettered);
    }

    /** {@link System#nanoTime()} when the first resolved record became readable, or -1. */
    public long firstSeenNanos() {
        return firstSeenNanos;
    }

    /** The Kafka timestamp (producer time, before the checkpoint commit) of the earliest resolved record, or -1. */
    public long firstWrittenMillis() {
        return firstWrittenMillis;
    }

    private static String eventId(byte[] value) {
        try {
            return EventJson.mapper().readTree(value).path("event_id").asText();
        } catch (IOException e) {
            throw new IllegalStateException("a no_usable_identifier dead letter is not an event: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
