package loyalty.stack.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import loyalty.stack.StackException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from the beginning up to their end offsets as of the call, without a consumer group: what is in a
 * topic right now. Used by the summary and by tests after the writers have flushed.
 */
public final class TopicReader {
    private TopicReader() {
    }

    public static List<ConsumerRecord<String, byte[]>> readToEnd(String bootstrapServers, Collection<String> topics,
                                                                 Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        forEachToEnd(bootstrapServers, topics, timeout, records::add);
        return records;
    }

    /** Like {@link #readToEnd} without keeping the records, for topics too large to collect. */
    public static void forEachToEnd(String bootstrapServers, Collection<String> topics, Duration timeout,
                                    Consumer<ConsumerRecord<String, byte[]>> action) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = partitions(consumer, topics);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            pollUntil(consumer, consumer.endOffsets(partitions), topics, timeout, action);
        }
    }

    /**
     * Like {@link #forEachToEnd}, from at most {@code lastOffsets} offsets before each partition's end: the newest
     * records (transaction markers take offsets too, so fewer records may come).
     */
    public static void forEachOfTheLast(String bootstrapServers, Collection<String> topics, int lastOffsets,
                                        Duration timeout, Consumer<ConsumerRecord<String, byte[]>> action) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = partitions(consumer, topics);
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            partitions.forEach(tp -> consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - lastOffsets)));
            pollUntil(consumer, end, topics, timeout, action);
        }
    }

    /** Polls the assigned, positioned consumer until it reaches {@code end}. */
    private static void pollUntil(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end,
                                  Collection<String> topics, Duration timeout,
                                  Consumer<ConsumerRecord<String, byte[]>> action) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(consumer, end)) {
            if (System.nanoTime() > deadline) {
                throw new StackException("could not read " + topics + " to its end within " + timeout);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(action);
        }
    }

    /** Number of records (offsets) in each topic; for compacted or transactional topics an upper bound. */
    public static Map<String, Long> offsetCounts(String bootstrapServers, Collection<String> topics) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = partitions(consumer, topics);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            return partitions.stream().collect(Collectors.groupingBy(TopicPartition::topic,
                    Collectors.summingLong(tp -> end.get(tp) - begin.get(tp))));
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, Collection<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
