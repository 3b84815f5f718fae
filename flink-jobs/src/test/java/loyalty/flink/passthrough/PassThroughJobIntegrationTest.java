package loyalty.flink.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import loyalty.contract.topic.CleanupPolicy;
import loyalty.contract.topic.TopicSpec;
import loyalty.contract.topic.Topics;
import loyalty.flink.common.JobHandle;
import loyalty.flink.common.RetainedCheckpoints;
import loyalty.stack.Ports;
import loyalty.stack.kafka.KafkaBroker;
import loyalty.stack.kafka.TopicCreator;
import loyalty.stack.kafka.TopicReader;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pass-through on a MiniCluster of parallelism 2 against an in-process Kafka: records already waiting on
 * several input topics, and some sent while it runs, all come out on the output topic once each, bytes unchanged.
 */
class PassThroughJobIntegrationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final TopicSpec<String, byte[]> OUTPUT = new TopicSpec<>("bench.pass-through.test", "none",
            Serdes.String(), "input value bytes", Serdes.ByteArray(), 2, CleanupPolicy.DELETE);

    @TempDir
    static Path work;
    static KafkaBroker kafka;
    static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaBroker.start(work.resolve("kafka"), Ports.free());
        try (Admin admin = kafka.admin()) {
            TopicCreator.ensure(admin, Topics.inputs(), (short) 1);
            TopicCreator.ensure(admin, List.of(OUTPUT), (short) 1);
        }
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopKafka() {
        if (producer != null) {
            producer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyInputRecordComesOutOnceWithItsBytesUnchanged() throws Exception {
        List<String> sent = new ArrayList<>();
        List<String> topics = List.of(Topics.ORDERS.name(), Topics.MEMBERS.name(), Topics.RULES.name());
        sendRecords(0, 900, topics, sent); // a backlog, as in the benchmark
        Path checkpoints = work.resolve("checkpoints");
        PassThroughJobConfig config = new PassThroughJobConfig(kafka.bootstrapServers(), OUTPUT.name(),
                "pass-through-test", Duration.ofMillis(500), 2, null).withCheckpointDir(checkpoints);

        try (JobHandle job = PassThroughJob.startLocal(config)) {
            job.awaitRunning(DEADLINE);
            sendRecords(900, 1_000, topics, sent); // and records arriving while it runs
            await("1000 records on the output topic", () -> output().size() >= sent.size());
            long checkpoint = RetainedCheckpoints.latestNumber(checkpoints);
            await("two more checkpoints", () -> RetainedCheckpoints.latestNumber(checkpoints) >= checkpoint + 2);
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        }

        List<String> out = output();
        assertThat(out).hasSize(1_000).containsExactlyInAnyOrderElementsOf(sent);
    }

    private static void sendRecords(int from, int to, List<String> topics, List<String> sent) throws Exception {
        for (int i = from; i < to; i++) {
            String value = "{\"event_id\":\"e-" + i + "\",\"n\":" + i + "}";
            producer.send(new ProducerRecord<>(topics.get(i % topics.size()), "e-" + i,
                    value.getBytes(StandardCharsets.UTF_8)));
            sent.add(value);
        }
        producer.flush();
    }

    /** Everything on the output topic right now. */
    private static List<String> output() {
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readToEnd(kafka.bootstrapServers(),
                List.of(OUTPUT.name()), Duration.ofSeconds(30))) {
            values.add(new String(r.value(), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + DEADLINE);
            }
            TimeUnit.MILLISECONDS.sleep(200); // poll interval, not synchronisation: the condition decides
        }
    }
}
