package loyalty.feeds;

import static loyalty.feeds.FeedFixtures.MISSING_AMOUNT;
import static loyalty.feeds.FeedFixtures.TRUNCATED;
import static loyalty.feeds.FeedFixtures.order;
import static loyalty.feeds.FeedFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.EventJson;
import loyalty.contract.publish.EventPublisher;
import loyalty.contract.topic.Topics;
import loyalty.feeds.http.FeedHttpServer;
import loyalty.stack.Ports;
import loyalty.stack.kafka.KafkaBroker;
import loyalty.stack.kafka.TopicCreator;
import loyalty.stack.kafka.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedHttpServerIntegrationTest {
    @TempDir
    Path work;

    @Test
    void aBatchIsAcknowledgedPerRecordAndBadRecordsAreDeadLettered() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), Ports.free())) {
            try (Admin admin = kafka.admin()) {
                TopicCreator.ensure(admin, Topics.all(), (short) 1);
            }
            try (EventPublisher publisher = EventPublisher.connect(kafka.bootstrapServers(), "http-test");
                 FeedHttpServer server = FeedHttpServer.start("127.0.0.1", 0, publisher)) {
                HttpClient client = HttpClient.newHttpClient();
                String ndjson = String.join("\n", order("app-1", "A1", "10.00"), TRUNCATED, review("app-2"));
                JsonNode first = post(client, server.url(), ndjson, 200);
                assertThat(first.get("accepted").asLong()).isEqualTo(2);
                assertThat(first.get("dead_lettered").asLong()).isEqualTo(1);
                assertThat(first.get("results").get(1).get("reason").asText()).isEqualTo("invalid_json");

                String array = "[" + order("app-3", "A3", "5.00") + "," + MISSING_AMOUNT + "]";
                JsonNode second = post(client, server.url(), array, 200);
                assertThat(second.get("accepted").asLong()).isEqualTo(1);
                assertThat(second.get("results").get(1).get("reason").asText()).isEqualTo("missing_field");

                HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(server.url())).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(get.statusCode()).isEqualTo(405);

                IngestReport totals = server.totals();
                assertThat(totals.accepted()).isEqualTo(3);
                assertThat(totals.rejected()).isEqualTo(2);
            }
            List<ConsumerRecord<String, byte[]>> orders = TopicReader.readToEnd(kafka.bootstrapServers(),
                    List.of(Topics.ORDERS.name()), Duration.ofSeconds(30));
            assertThat(orders).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("app-1", "app-3");
            List<ConsumerRecord<String, byte[]>> dead = TopicReader.readToEnd(kafka.bootstrapServers(),
                    List.of(Topics.DEAD_LETTER.name()), Duration.ofSeconds(30));
            assertThat(dead).extracting(r -> DeadLetter.text(r.headers(), DeadLetter.POSITION))
                    .containsExactlyInAnyOrder("request:1/record:1", "request:2/record:1");
            assertThat(dead).allSatisfy(r -> assertThat(DeadLetter.text(r.headers(), DeadLetter.SOURCE))
                    .isEqualTo("http"));
        }
    }

    private static JsonNode post(HttpClient client, String url, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return EventJson.mapper().readTree(response.body());
    }
}
