package loyalty.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import loyalty.stack.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the records of some topics and the bytes of their values, from the beginning and on as more arrive,
 * without keeping them (a benchmark's topics hold too much to collect). No consumer group: it reads every
 * partition itself and commits nothing.
 */
final class TopicCounter implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private long records;
    private long bytes;

    TopicCounter(String bootstrapServers, Collection<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** What one count found: records, and the bytes of their values. */
    record Tally(long records, long bytes) {
    }

    /** Counts everything the topics hold right now. */
    static Tally countAll(String bootstrapServers, Collection<String> topics, Duration timeout) {
        long[] counts = new long[2];
        TopicReader.forEachToEnd(bootstrapServers, topics, timeout, record -> {
            counts[0]++;
            counts[1] += record.value() == null ? 0 : record.value().length;
        });
        return new Tally(counts[0], counts[1]);
    }

    /** Reads what has arrived (waiting up to a tenth of a second for something) and adds it to the count. */
    void poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            records++;
            bytes += record.value() == null ? 0 : record.value().length;
        }
    }

    Tally tally() {
        return new Tally(records, bytes);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
