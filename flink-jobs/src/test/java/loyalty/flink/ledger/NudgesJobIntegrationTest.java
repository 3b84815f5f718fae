package loyalty.flink.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.publish.EventPublisher;
import loyalty.contract.topic.Topics;
import loyalty.contract.validation.Validation;
import loyalty.flink.common.JobHandle;
import loyalty.flink.identity.IdentityJob;
import loyalty.flink.identity.IdentityJobConfig;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.Nudges;
import loyalty.stack.kafka.TopicReader;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw events → identity job → ledger job on real Kafka, PostgreSQL (Iceberg catalog) and Flink: delivered nudges
 * reach {@code loyalty.nudges} exactly once and every nudge, suppressed ones too, reaches {@code ledger.nudges},
 * although the ledger job fails mid-stream and restarts from its last checkpoint.
 */
class NudgesJobIntegrationTest {
    @TempDir
    static Path work;
    static LedgerTestStack stack;

    @BeforeAll
    static void start() {
        stack = LedgerTestStack.start(work);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void deliveredNudgesOnTheTopicOnceAndEveryNudgeInTheLakehouse() throws Exception {
        String kafka = stack.kafka.bootstrapServers();
        try (EventPublisher publisher = EventPublisher.connect(kafka, "nudges-test")) {
            send(publisher, "a1", EventType.MEMBER_ENROLLED, "2026-01-01", "alice@x.com",
                    "{\"consent\":{\"push\":true}}");
            send(publisher, "b1", EventType.MEMBER_ENROLLED, "2026-01-02", "bob@x.com",
                    "{\"consent\":{\"email\":true}}");
            send(publisher, "c1", EventType.MEMBER_ENROLLED, "2026-01-03", "carol@x.com", "{}");
            send(publisher, "a2", EventType.ORDER_COMPLETED, "2026-01-05", "alice@x.com", order("O1", "450.00"));
            send(publisher, "b2", EventType.ORDER_COMPLETED, "2026-01-06", "bob@x.com", order("O2", "600.00"));
            send(publisher, "a3", EventType.REDEMPTION_REQUESTED, "2026-01-07", "alice@x.com",
                    "{\"redemption_id\":\"R1\",\"points\":50}");
            // churn scores as `loyalty score` publishes them (no identifiers, the member id in the payload): only
            // alice's is over the rule set's churn_score of 0.7
            score(publisher, "s1", "2026-02-01", "M-a1", "0.85");
            score(publisher, "s2", "2026-02-01", "M-b1", "0.30");
            // moves event time past both lapses (alice 03-06, bob 03-07)
            send(publisher, "t1", EventType.ENGAGEMENT_RECORDED, "2026-03-10", "nobody@x.com",
                    "{\"kind\":\"review\"}");
            publisher.flush();
        }
        LakehouseConfig lakehouse = stack.lakehouse();
        IdentityJobConfig identity = IdentityJobConfig.defaults(kafka, lakehouse)
                .withCheckpointInterval(Duration.ofMillis(500))
                .withOutOfOrderness(IdentityJobConfig.BACKFILL_OUT_OF_ORDERNESS)
                .withQuietFlush(Duration.ofSeconds(2)).withParallelism(1);
        LedgerJobConfig ledger = LedgerJobConfig.defaults(kafka, lakehouse)
                .withCheckpointInterval(Duration.ofMillis(500)).withParallelism(1);
        Path failed = work.resolve("ledger-failed-once");
        try (JobHandle i = IdentityJob.startLocal(identity);
             JobHandle l = LedgerJob.startLocal(ledger, new FailOnceAt(
                     Instant.parse("2026-01-06T12:00:00Z").toEpochMilli(), failed))) {
            LedgerTestStack.await("bob's lapse in ledger.nudges and on the topic",
                    () -> rows(lakehouse).stream().anyMatch(r -> r.path("nudge_id").asText().equals(
                            "LAPSE_RISK:M-b1:b2")) && topic().stream().anyMatch(n -> n.path("nudge_id").asText()
                            .equals("LAPSE_RISK:M-b1:b2")));
        }
        assertThat(java.nio.file.Files.exists(failed)).as("the ledger job failed once mid-stream").isTrue();
        List<JsonNode> rows = rows(lakehouse);
        List<JsonNode> topic = topic();

        assertThat(rows).extracting(r -> r.path("nudge_id").asText()).doesNotHaveDuplicates();
        assertThat(topic).extracting(n -> n.path("nudge_id").asText()).as("exactly once across the failure")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(rows.stream()
                        .filter(r -> r.path("status").asText().equals("DELIVERED"))
                        .map(r -> r.path("nudge_id").asText()).toList());
        assertThat(topic).extracting(n -> n.path("member_id").asText() + " " + n.path("type").asText())
                .containsExactlyInAnyOrder("M-a1 WELCOME", "M-a1 NEAR_TIER", "M-a1 REDEMPTION_CONFIRMED",
                        "M-a1 REWARD_UNLOCKED", "M-a1 CHURN_RISK", "M-a1 LAPSE_RISK", "M-b1 WELCOME", "M-b1 TIER_UPGRADE",
                        "M-b1 REWARD_UNLOCKED", "M-b1 LAPSE_RISK");
        assertThat(rows).filteredOn(r -> r.path("status").asText().equals("SUPPRESSED"))
                .extracting(r -> r.path("nudge_id").asText() + " " + r.path("reason").asText())
                .containsExactly("WELCOME:M-c1:c1 no_consent");
        assertThat(rows).filteredOn(r -> r.path("type").asText().equals("NEAR_TIER")).singleElement()
                .satisfies(r -> assertThat(EventJson.mapper().readTree(r.path("context").asText())
                        .path("spend_needed").asText()).isEqualTo("50.00"));
    }

    private static List<JsonNode> topic() {
        return TopicReader.readToEnd(stack.kafka.bootstrapServers(), List.of(Topics.NUDGES.name()),
                        LedgerTestStack.DEADLINE).stream()
                .map(r -> {
                    JsonNode n = LedgerTestStack.tree(r.value());
                    assertThat(r.key()).isEqualTo(n.path("member_id").asText());
                    return n;
                }).toList();
    }

    /** The rows of {@code ledger.nudges}, as JSON objects of their columns. */
    private static List<JsonNode> rows(LakehouseConfig lakehouse) {
        List<JsonNode> rows = new ArrayList<>();
        try (Lakehouse catalog = Lakehouse.open(lakehouse)) {
            try (CloseableIterable<Record> all = IcebergGenerics.read(catalog.load(Nudges.DEFINITION)).build()) {
                for (Record r : all) {
                    ObjectNode row = EventJson.mapper().createObjectNode();
                    for (var column : Nudges.SCHEMA.columns()) {
                        Object v = r.getField(column.name());
                        row.put(column.name(), v == null ? null : v.toString());
                    }
                    rows.add(row);
                }
            }
        } catch (org.apache.iceberg.exceptions.NoSuchTableException notYet) {
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static void send(EventPublisher publisher, String id, EventType type, String date, String email,
                             String payload) throws Exception {
        Event e = new Event(id, type.wireName(), "acme", Instant.parse(date + "T12:00:00Z"), "pos",
                new Identifiers(email, null, null, null, null), (ObjectNode) EventJson.mapper().readTree(payload));
        assertThat(publisher.publish(e, "test", id)).isInstanceOf(Validation.Accepted.class);
    }

    private static void score(EventPublisher publisher, String id, String date, String member, String score)
            throws Exception {
        Event e = new Event(id, EventType.ML_SCORED.wireName(), "acme", Instant.parse(date + "T12:00:00Z"), "ml",
                null, (ObjectNode) EventJson.mapper().readTree("{\"member_id\":\"" + member
                + "\",\"model\":\"churn\",\"model_version\":\"1-logistic_regression\",\"score\":" + score + "}"));
        assertThat(publisher.publish(e, "test", id)).isInstanceOf(Validation.Accepted.class);
    }

    private static String order(String id, String amount) {
        return "{\"order_id\":\"" + id + "\",\"net_amount\":\"" + amount + "\",\"currency\":\"USD\"}";
    }
}
