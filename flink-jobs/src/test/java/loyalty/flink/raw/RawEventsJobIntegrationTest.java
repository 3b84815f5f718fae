package loyalty.flink.raw;

import static loyalty.flink.raw.TestEvents.bytes;
import static loyalty.flink.raw.TestEvents.enrollment;
import static loyalty.flink.raw.TestEvents.order;
import static loyalty.flink.raw.TestEvents.review;
import static loyalty.flink.raw.TestEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.Event;
import loyalty.contract.topic.Topics;
import loyalty.flink.common.JobHandle;
import loyalty.flink.common.RetainedCheckpoints;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.stack.Ports;
import loyalty.stack.kafka.KafkaBroker;
import loyalty.stack.kafka.TopicCreator;
import loyalty.stack.postgres.PostgresCluster;
import org.apache.flink.api.common.JobStatus;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job against real components: in-process Kafka, a private PostgreSQL holding the Iceberg catalog, a
 * local warehouse folder and a Flink MiniCluster of parallelism 2. The job is made to fail once mid-stream (see
 * {@link FailOnce}) and is later stopped and started again; raw.events must end with every distinct event id
 * exactly once, and the unparseable record must be on the dead-letter topic.
 */
class RawEventsJobIntegrationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String BAD_RECORD = "{\"event_id\": \"pos-broken\", \"type\": ";

    @TempDir
    static Path work;
    static PostgresCluster postgres;
    static KafkaBroker kafka;
    static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startStack() {
        postgres = PostgresCluster.start(work.resolve("pg"), Ports.free());
        kafka = KafkaBroker.start(work.resolve("kafka"), Ports.free());
        try (Admin admin = kafka.admin()) {
            TopicCreator.ensure(admin, Topics.all(), (short) 1);
        }
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopStack() {
        if (producer != null) {
            producer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everyDistinctEventLandsExactlyOnceThroughAFailureAndARestart() throws Exception {
        LakehouseConfig lakehouse = new LakehouseConfig(postgres.jdbcUrl(PostgresCluster.LAKEHOUSE_DB),
                PostgresCluster.USER, PostgresCluster.PASSWORD, work.resolve("warehouse").toUri().toString());
        Path checkpoints = work.resolve("checkpoints");
        RawEventsJobConfig config = RawEventsJobConfig.defaults(kafka.bootstrapServers(), lakehouse)
                .withCheckpointInterval(Duration.ofMillis(500))
                .withParallelism(2)
                .withCheckpointDir(checkpoints);
        Set<String> expected = new LinkedHashSet<>();

        // Batch 1: 30 events of three types, 6 repeated copies (one of them on another topic), one broken record.
        List<Event> batch1 = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch1.add(order("pos-" + i, "m" + i + "@x.com", "1" + i + ".50"));
            batch1.add(enrollment("crm-" + i, "C-" + i));
            batch1.add(review("app-" + i, "42" + i));
        }
        sendAll(batch1, expected);
        sendAll(List.of(batch1.get(0), batch1.get(4), batch1.get(8), batch1.get(15), batch1.get(29)), expected);
        send(Topics.REDEMPTIONS.name(), batch1.get(3)); // a copy that took a wrong turn: still a duplicate
        send(Topics.ORDERS.name(), "pos-broken", utf8(BAD_RECORD));

        List<Event> batch2 = new ArrayList<>();
        for (int i = 100; i < 120; i++) {
            batch2.add(order("pos-" + i, "n" + i + "@x.com", "2" + i + ".00"));
        }
        Path failedOnce = work.resolve("failed-once");
        try (JobHandle job = RawEventsJob.startLocal(config, new FailOnce("pos-105", failedOnce));
             RawEventsReader table = RawEventsReader.open(lakehouse)) {
            awaitRows(table, 30);

            // Batch 2, while running: 20 new events, copies of old and new ones, and the one that fails the job.
            sendAll(batch2.subList(0, 10), expected);
            sendAll(List.of(batch1.get(1), batch1.get(2), batch2.get(2)), expected);
            sendAll(batch2.subList(10, 20), expected);
            sendAll(List.of(batch2.get(5), batch2.get(12), batch1.get(20)), expected);

            await("the injected failure", () -> FailOnce.hasFailed(failedOnce));
            awaitRows(table, 50);
            awaitQuietCheckpoints(checkpoints);
            assertThat(table.count()).isEqualTo(expected.size()).isEqualTo(50);
            assertThat(table.eventIds()).isEqualTo(expected);
            assertThat(job.status()).as("restarted after the failure").isEqualTo(JobStatus.RUNNING);

            Record order = table.find("pos-7").orElseThrow();
            assertThat(order.getField("type")).isEqualTo("order.completed");
            assertThat(order.getField("program")).isEqualTo("acme");
            assertThat((String) order.getField("payload")).contains("\"net_amount\":\"17.50\"");
            assertThat(((Record) order.getField("identifiers")).getField("email")).isEqualTo("m7@x.com");
            assertThat(order.getField("kafka_topic")).isEqualTo(Topics.ORDERS.name());
        }

        List<ConsumerRecord<String, byte[]>> deadLetters = deadLetters();
        assertThat(deadLetters).as("at least once, and nothing else").isNotEmpty().allSatisfy(dead -> {
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(BAD_RECORD);
            assertThat(DeadLetter.reasonOf(dead.headers())).isEqualTo("invalid_json");
            assertThat(DeadLetter.text(dead.headers(), DeadLetter.SOURCE)).isEqualTo("kafka:" + Topics.ORDERS.name());
            assertThat(DeadLetter.text(dead.headers(), DeadLetter.POSITION)).matches("[01]/\\d+");
        });

        // Stopped, then started again: it resumes from the kept checkpoint, so old ids are still remembered.
        List<Event> batch3 = new ArrayList<>();
        for (int i = 200; i < 210; i++) {
            batch3.add(review("app-" + i, "7" + i));
        }
        sendAll(batch3, expected);
        sendAll(List.of(batch1.get(6), batch1.get(10), batch2.get(19)), expected);
        try (JobHandle job = RawEventsJob.startLocal(config);
             RawEventsReader table = RawEventsReader.open(lakehouse)) {
            awaitRows(table, 60);
            awaitQuietCheckpoints(checkpoints);
            assertThat(table.count()).isEqualTo(expected.size()).isEqualTo(60);
            assertThat(table.eventIds()).isEqualTo(expected);
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        }
    }

    private static void sendAll(List<Event> events, Set<String> expectedIds) throws Exception {
        for (Event event : events) {
            send(Topics.forType(event.eventType()).name(), event);
            expectedIds.add(event.eventId());
        }
    }

    private static void send(String topic, Event event) throws Exception {
        send(topic, event.eventId(), bytes(event));
    }

    private static void send(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
    }

    private static void awaitRows(RawEventsReader table, long rows) {
        await(rows + " rows in raw.events", () -> table.count() >= rows);
    }

    /** Two more checkpoints, i.e. two more commit rounds: anything still in flight would be committed by then. */
    private static void awaitQuietCheckpoints(Path checkpoints) {
        long now = RetainedCheckpoints.latestNumber(checkpoints);
        await("two more checkpoints after #" + now, () -> RetainedCheckpoints.latestNumber(checkpoints) >= now + 2);
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters() {
        TopicPartition partition = new TopicPartition(Topics.DEAD_LETTER.name(), 0);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + DEADLINE);
            }
            try {
                Thread.sleep(200); // poll interval, not synchronisation: the condition decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
