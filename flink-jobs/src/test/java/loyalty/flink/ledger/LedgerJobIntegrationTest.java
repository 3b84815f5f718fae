package loyalty.flink.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
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
import loyalty.lakehouse.table.Balances;
import loyalty.lakehouse.table.RuleSetPublications;
import loyalty.stack.kafka.KafkaBroker;
import loyalty.stack.kafka.TopicReader;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input topics → identity job → resolved stream → ledger job, on real Kafka, PostgreSQL (Iceberg catalog) and Flink
 * MiniClusters: SPEC §12 examples A and C, sent as raw events with raw identifiers, end as the SPEC says (as an
 * uninterrupted run does, see ApplyLedgerHarnessTest) in the balances topic and in Iceberg {@code ledger.balances},
 * although the ledger job fails mid-stream and restarts from its last checkpoint.
 */
class LedgerJobIntegrationTest {
    private static final Duration DEADLINE = LedgerTestStack.DEADLINE;

    @TempDir
    static Path work;
    static LedgerTestStack stack;
    static KafkaBroker kafka;

    @BeforeAll
    static void start() {
        stack = LedgerTestStack.start(work);
        kafka = stack.kafka;
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void examplesAAndCFromRawEventsToServedBalances() throws Exception {
        try (EventPublisher publisher = EventPublisher.connect(kafka.bootstrapServers(), "ledger-test")) {
            // the defaults under another version: changes no figure, and gives one audit row to find exactly once
            send(publisher, "rs2", EventType.RULES_PUBLISHED, "2025-12-31", Identifiers.NONE,
                    "{\"effective_from\":\"2025-12-31T00:00:00Z\",\"rule_set\":{\"version\":\"2\"}}");
            // A: alice
            send(publisher, "a1", EventType.MEMBER_ENROLLED, "2026-01-01", ids("Alice@X.com", null), "{}");
            send(publisher, "a2", EventType.ORDER_COMPLETED, "2026-01-05", ids("alice@x.com", null), order("O1",
                    "120.50"));
            send(publisher, "a3", EventType.REDEMPTION_REQUESTED, "2026-01-10", ids("alice@x.com", null),
                    "{\"redemption_id\":\"R1\",\"points\":150}");
            send(publisher, "a4", EventType.REDEMPTION_REQUESTED, "2026-01-20", ids("alice@x.com", null),
                    "{\"redemption_id\":\"R2\",\"points\":150}");
            send(publisher, "a5", EventType.ORDER_COMPLETED, "2026-02-01", ids("alice@x.com", null), order("O2",
                    "450.00"));
            send(publisher, "a6", EventType.ORDER_COMPLETED, "2026-02-03", ids("alice@x.com", null), order("O3",
                    "100.00"));
            send(publisher, "a7", EventType.ORDER_RETURNED, "2026-02-05", ids("alice@x.com", null),
                    "{\"return_id\":\"X1\",\"order_id\":\"O2\",\"refund_amount\":\"450.00\"}");
            // C: bob, as an email and as a card, joined by a profile update
            send(publisher, "c1", EventType.MEMBER_ENROLLED, "2026-01-01", ids("bob@x.com", null), "{}");
            send(publisher, "c2", EventType.MEMBER_ENROLLED, "2026-01-02", ids(null, "C-1"), "{}");
            send(publisher, "c3", EventType.ORDER_COMPLETED, "2026-01-03", ids(null, "C-1"), order("O9", "200.00"));
            send(publisher, "c4", EventType.PROFILE_UPDATED, "2026-01-05", ids("BOB@X.COM", "C 1"), "{}");
            // moves event time on to 03-01, so that every lot of the examples has become available
            send(publisher, "t1", EventType.ENGAGEMENT_RECORDED, "2026-03-01", ids("nobody@x.com", null),
                    "{\"kind\":\"review\"}");
            publisher.flush();
        }
        LakehouseConfig lakehouse = stack.lakehouse();
        IdentityJobConfig identity = IdentityJobConfig.defaults(kafka.bootstrapServers(), lakehouse)
                .withCheckpointInterval(Duration.ofMillis(500))
                .withOutOfOrderness(IdentityJobConfig.BACKFILL_OUT_OF_ORDERNESS)
                .withQuietFlush(Duration.ofSeconds(2)).withParallelism(1);
        LedgerJobConfig ledger = LedgerJobConfig.defaults(kafka.bootstrapServers(), lakehouse)
                .withCheckpointInterval(Duration.ofMillis(500)).withParallelism(1);
        Path failed = work.resolve("ledger-failed-once");
        try (JobHandle i = IdentityJob.startLocal(identity);
             JobHandle l = LedgerJob.startLocal(ledger, new FailOnceAt(
                     Instant.parse("2026-02-01T12:00:00Z").toEpochMilli(), failed))) {
            await("alice's balance once O3 became available (02-17)", () -> {
                JsonNode b = balances().get("M-a1");
                return b != null && b.path("as_of").asText().compareTo("2026-02-17") >= 0;
            });
            await("the balances table", () -> balanceRows(lakehouse).containsKey("M-c1"));
            await("the rule set publication", () -> !publications(lakehouse).isEmpty());
        }
        assertThat(java.nio.file.Files.exists(failed)).as("the ledger job failed once mid-stream").isTrue();
        Map<String, JsonNode> balances = balances();
        assertThat(balances.get("M-a1").path("available").asLong()).isEqualTo(195);
        assertThat(balances.get("M-a1").path("pending").asLong()).isZero();
        assertThat(balances.get("M-a1").path("tier").asText()).isEqualTo("MEMBER");
        assertThat(balances.get("M-c1").path("available").asLong()).isEqualTo(300);
        assertThat(balances.get("M-c2").path("available").asLong() + balances.get("M-c2").path("pending").asLong())
                .isZero();
        List<String> outcomes = TopicReader.readToEnd(kafka.bootstrapServers(),
                        List.of(Topics.REDEMPTION_OUTCOMES.name()), DEADLINE).stream()
                .map(r -> tree(r.value()).path("status").asText()).toList();
        assertThat(outcomes).containsExactlyInAnyOrder("REJECTED", "APPROVED");
        long total = TopicReader.readToEnd(kafka.bootstrapServers(), List.of(Topics.LEDGER.name()), DEADLINE)
                .stream().mapToLong(r -> tree(r.value()).path("points").asLong()).sum();
        assertThat(total).as("alice 195 + bob 300: no entry twice, none lost, across the failure").isEqualTo(495);
        assertThat(balanceRows(lakehouse).get("M-c1")).isEqualTo(300L);
        assertThat(publications(lakehouse)).as("written exactly once across the failure")
                .containsExactly("rs2 2 ACCEPTED by pos");
    }

    private static Map<String, JsonNode> balances() {
        Map<String, JsonNode> latest = new HashMap<>();
        TopicReader.forEachToEnd(kafka.bootstrapServers(), List.of(Topics.BALANCES.name()), DEADLINE,
                r -> latest.put(r.key(), tree(r.value())));
        return latest;
    }

    private static Map<String, Long> balanceRows(LakehouseConfig lakehouse) {
        Map<String, Long> rows = new HashMap<>();
        try (Lakehouse catalog = Lakehouse.open(lakehouse)) {
            try (CloseableIterable<Record> all = IcebergGenerics.read(catalog.load(Balances.DEFINITION)).build()) {
                all.forEach(r -> rows.put((String) r.getField("member_id"), (Long) r.getField("available")));
            }
        } catch (org.apache.iceberg.exceptions.NoSuchTableException notYet) {
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static List<String> publications(LakehouseConfig lakehouse) {
        List<String> rows = new java.util.ArrayList<>();
        try (Lakehouse catalog = Lakehouse.open(lakehouse)) {
            try (CloseableIterable<Record> all = IcebergGenerics.read(catalog.load(RuleSetPublications.DEFINITION))
                    .build()) {
                all.forEach(r -> rows.add(r.getField("event_id") + " " + r.getField("version") + " "
                        + r.getField("status") + " by " + r.getField("published_by")));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static void send(EventPublisher publisher, String id, EventType type, String date, Identifiers ids,
                             String payload) throws Exception {
        Event e = new Event(id, type.wireName(), "acme", Instant.parse(date + "T12:00:00Z"), "pos", ids,
                (ObjectNode) EventJson.mapper().readTree(payload));
        assertThat(publisher.publish(e, "test", id)).isInstanceOf(Validation.Accepted.class);
    }

    private static Identifiers ids(String email, String card) {
        return new Identifiers(email, null, card, null, null);
    }

    private static String order(String id, String amount) {
        return "{\"order_id\":\"" + id + "\",\"net_amount\":\"" + amount + "\",\"currency\":\"USD\"}";
    }

    private static JsonNode tree(byte[] json) {
        return LedgerTestStack.tree(json);
    }

    private static void await(String what, BooleanSupplier condition) {
        LedgerTestStack.await(what, condition);
    }
}
