package loyalty.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import loyalty.cdc.mapping.ChangeMapper;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.topic.TopicSpec;
import loyalty.contract.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the input topics from the beginning as they fill (read_committed, no consumer group) and keeps what a
 * benchmark needs of them: records and bytes, the distinct event ids resolution must settle, how many came by CDC,
 * and which are enrolments. Every record on an input topic passed the contract, so its envelope is there to read.
 */
final class InputScan implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Set<String> distinct = new LinkedHashSet<>();
    private final Set<String> fromCdc = new HashSet<>();
    private final Map<String, String> enrolments = new LinkedHashMap<>();
    private long records;
    private long bytes;

    InputScan(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (TopicSpec<?, ?> topic : Topics.inputs()) {
            consumer.partitionsFor(topic.name())
                    .forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what has arrived, waiting up to a tenth of a second for something. */
    void poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            records++;
            bytes += record.value() == null ? 0 : record.value().length;
            JsonNode event = envelope(record.value());
            String id = event.path("event_id").asText();
            distinct.add(id);
            if (ChangeMapper.SOURCE.equals(event.path("source").asText())) {
                fromCdc.add(id);
            }
            if (EventType.MEMBER_ENROLLED.wireName().equals(event.path("type").asText())) {
                enrolments.put(id, event.path("program").asText());
            }
        }
    }

    /** Reads on until every record the topics hold now has been read. */
    void readToEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            poll();
        }
    }

    TopicCounter.Tally tally() {
        return new TopicCounter.Tally(records, bytes);
    }

    Set<String> distinctEvents() {
        return Set.copyOf(distinct);
    }

    long distinctFromCdc() {
        return fromCdc.size();
    }

    /** The member.enrolled events: event id → program, in reading order. */
    Map<String, String> enrolments() {
        return Collections.unmodifiableMap(enrolments);
    }

    private static JsonNode envelope(byte[] value) {
        try {
            return EventJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException("a record on an input topic is not an event: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
