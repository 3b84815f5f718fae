package loyalty.feeds;

import static loyalty.feeds.FeedFixtures.AMOUNT_AS_NUMBER;
import static loyalty.feeds.FeedFixtures.MISSING_AMOUNT;
import static loyalty.feeds.FeedFixtures.TRUNCATED;
import static loyalty.feeds.FeedFixtures.order;
import static loyalty.feeds.FeedFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.EventJson;
import loyalty.contract.publish.EventPublisher;
import loyalty.contract.topic.Topics;
import loyalty.feeds.file.JsonLinesIngest;
import loyalty.stack.Ports;
import loyalty.stack.kafka.KafkaBroker;
import loyalty.stack.kafka.TopicCreator;
import loyalty.stack.kafka.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesIngestIntegrationTest {
    @TempDir
    static Path work;
    static KafkaBroker kafka;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaBroker.start(work.resolve("kafka"), Ports.free());
        try (Admin admin = kafka.admin()) {
            TopicCreator.ensure(admin, Topics.all(), (short) 1);
        }
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void badLinesGoToTheDeadLetterTopicWithReasonAndPositionAndGoodLinesAllArrive() throws Exception {
        String oversize = order("pos-12", "O12", "1.00").replace("\"channel\":\"store\"",
                "\"channel\":\"store\",\"categories\":[\"" + "x".repeat(70_000) + "\"]");
        List<String> lines = List.of(
                order("pos-1", "O1", "120.50"),   // line 1
                TRUNCATED,                          // line 2
                review("web-1"),                    // line 3
                "",                                 // line 4: blank, passed over
                MISSING_AMOUNT,                     // line 5
                AMOUNT_AS_NUMBER,                   // line 6
                oversize,                           // line 7
                order("pos-2", "O2", "15.00") + "\r", // line 8: CRLF tolerated
                order("pos-3", "O3", "9.99"));      // line 9
        Path file = work.resolve("pos.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

        AtomicLong lastProgress = new AtomicLong();
        IngestReport report;
        try (EventPublisher publisher = EventPublisher.connect(kafka.bootstrapServers(), "test")) {
            report = new JsonLinesIngest(publisher).ingest(file, lastProgress::set);
        }

        assertThat(report.records()).isEqualTo(8);
        assertThat(report.blankLines()).isEqualTo(1);
        assertThat(report.acceptedByType()).containsExactlyInAnyOrderEntriesOf(
                Map.of("order.completed", 3L, "engagement.recorded", 1L));
        assertThat(report.rejectedByReason()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "invalid_json", 1L, "missing_field", 1L, "wrong_type", 1L, "oversize", 1L));
        assertThat(lastProgress.get()).isEqualTo(Files.size(file));

        List<ConsumerRecord<String, byte[]>> orders =
                TopicReader.readToEnd(kafka.bootstrapServers(), List.of(Topics.ORDERS.name()), Duration.ofSeconds(30));
        assertThat(orders).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("pos-1", "pos-2", "pos-3");
        assertThat(orders).allSatisfy(r -> assertThat(EventJson.readEvent(r.value()).eventId()).isEqualTo(r.key()));

        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readToEnd(kafka.bootstrapServers(),
                List.of(Topics.DEAD_LETTER.name()), Duration.ofSeconds(30));
        Map<String, ConsumerRecord<String, byte[]>> byPosition = dead.stream().collect(Collectors.toMap(
                r -> DeadLetter.text(r.headers(), DeadLetter.POSITION), r -> r));
        assertThat(byPosition).containsOnlyKeys("line:2", "line:5", "line:6", "line:7");
        ConsumerRecord<String, byte[]> truncated = byPosition.get("line:2");
        assertThat(DeadLetter.reasonOf(truncated.headers())).isEqualTo("invalid_json");
        assertThat(new String(truncated.value(), StandardCharsets.UTF_8)).isEqualTo(TRUNCATED);
        assertThat(DeadLetter.text(truncated.headers(), DeadLetter.SOURCE)).isEqualTo("file:pos.jsonl");
        assertThat(DeadLetter.text(byPosition.get("line:6").headers(), DeadLetter.DETAIL)).contains("net_amount");
        assertThat(DeadLetter.reasonOf(byPosition.get("line:7").headers())).isEqualTo("oversize");
        assertThat(byPosition.get("line:7").value().length).isLessThan(70_000);
    }

    @Test
    void anEmptyFileIsAnEmptyReport() throws Exception {
        Path file = work.resolve("empty.jsonl");
        Files.writeString(file, "");
        try (EventPublisher publisher = EventPublisher.connect(kafka.bootstrapServers(), "test")) {
            IngestReport report = new JsonLinesIngest(publisher).ingest(file, b -> { });
            assertThat(report.records()).isZero();
            assertThat(new ArrayList<>(report.acceptedByType().keySet())).isEmpty();
        }
    }
}
