package loyalty.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import loyalty.contract.event.EventJson;
import loyalty.contract.identity.Resolved;
import loyalty.contract.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads, on its own thread, what the pipeline makes of the live load as a consumer of its outputs would
 * (read_committed): the resolved stream, the balances and the redemption outcomes, from their ends as of the start,
 * and reports each record's arrival to {@link LiveSamples}.
 */
final class LiveWatch implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final LiveSamples samples;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;

    LiveWatch(String bootstrapServers, LiveSamples samples) {
        this.samples = samples;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.RESOLVED.name(), Topics.BALANCES.name(),
                Topics.REDEMPTION_OUTCOMES.name())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fixes the start now, before the first live event is sent
        thread = new Thread(this::run, "bench-live-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Why the watcher stopped early, if it did. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    private void run() {
        try {
            while (!stopped) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    take(record, System.currentTimeMillis());
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll up
        } catch (RuntimeException | IOException e) {
            failure.set(e);
        } finally {
            consumer.close();
        }
    }

    private void take(ConsumerRecord<byte[], byte[]> record, long now) throws IOException {
        String topic = record.topic();
        if (Topics.REDEMPTION_OUTCOMES.name().equals(topic)) {
            samples.outcome(key(record), now); // keyed by redemption_id
        } else if (Topics.BALANCES.name().equals(topic)) {
            JsonNode balance = EventJson.mapper().readTree(record.value());
            samples.balance(key(record), Instant.parse(balance.path("as_of").asText()).toEpochMilli(), now);
        } else {
            JsonNode resolved = EventJson.mapper().readTree(record.value());
            if (Resolved.EVENT.equals(resolved.path("kind").asText())) {
                JsonNode member = resolved.path("member_id");
                samples.resolved(resolved.path("event").path("event_id").asText(),
                        member.isNull() || member.isMissingNode() ? null : member.asText(), now);
            }
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        consumer.wakeup();
        thread.join();
    }
}
