package loyalty.flink.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.identity.IdentityMerged;
import loyalty.contract.identity.Resolved;
import loyalty.flink.identity.KeyedJson;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/**
 * The serving balances side output of the ledger operator: the same balance as the balances topic, every time, with
 * the member's open lots; a merge leaves the loser without lots and gives them, with their dates, to the survivor.
 */
class ServingBalancesHarnessTest {

    @Test
    void eachBalanceComesWithTheOpenLotsAndTheirExpiry() throws Exception {
        try (var h = harness()) {
            send(h, "M-a", "e1", EventType.MEMBER_ENROLLED, "2026-01-01", "{}");
            send(h, "M-a", "o1", EventType.ORDER_COMPLETED, "2026-01-05",
                    "{\"order_id\":\"O1\",\"net_amount\":\"120.50\",\"currency\":\"USD\"}");
            h.processWatermark(Instant.parse("2026-01-20T00:00:00Z").toEpochMilli()); // O1's lot becomes available

            List<JsonNode> balances = side(h, LedgerOutputs.BALANCES);
            List<JsonNode> served = side(h, LedgerOutputs.SERVING_BALANCES);
            assertThat(served).extracting(s -> s.path("balance")).containsExactlyElementsOf(balances);
            assertThat(served.get(1).path("lots")).extracting(l -> l.path("type").asText() + " "
                            + l.path("remaining").asLong() + " " + l.path("status").asText() + " until "
                            + l.path("expires_at").asText())
                    .containsExactly("BONUS 100 AVAILABLE until 2027-01-01T12:00:00Z",
                            "EARN 120 PENDING until 2027-01-19T12:00:00Z");
            assertThat(served.get(2).path("lots")).extracting(l -> l.path("status").asText())
                    .containsOnly("AVAILABLE");
        }
    }

    @Test
    void aMergeMovesTheOpenLotsToTheSurvivor() throws Exception {
        try (var h = harness()) {
            send(h, "P1", "p1", EventType.MEMBER_ENROLLED, "2026-01-01", "{}");
            send(h, "P2", "p2", EventType.MEMBER_ENROLLED, "2026-01-02", "{}");
            send(h, "P2", "p3", EventType.ORDER_COMPLETED, "2026-01-03",
                    "{\"order_id\":\"O3\",\"net_amount\":\"40\",\"currency\":\"USD\"}");
            // Both enrolled: the merge also takes the loser's welcome bonus back (SPEC §3, §13.9).
            h.processElement(record(Resolved.merge(IdentityMerged.of("acme", "P1", "P2", "p5",
                    Instant.parse("2026-01-05T12:00:00Z"), List.of("card:C1"), Instant.parse("2026-01-01T12:00:00Z"),
                    Instant.parse("2026-01-02T12:00:00Z")), false)));

            List<JsonNode> served = side(h, LedgerOutputs.SERVING_BALANCES);
            JsonNode loser = served.get(served.size() - 2);
            JsonNode survivor = served.get(served.size() - 1);
            assertThat(loser.path("balance").path("member_id").asText()).isEqualTo("P2");
            assertThat(loser.path("lots")).isEmpty();
            assertThat(survivor.path("balance").path("member_id").asText()).isEqualTo("P1");
            assertThat(survivor.path("lots")).extracting(l -> l.path("type").asText() + " "
                            + l.path("remaining").asLong() + " " + l.path("status").asText() + " from "
                            + l.path("available_at").asText())
                    .containsExactly("BONUS 100 AVAILABLE from 2026-01-01T12:00:00Z",
                            "EARN 40 PENDING from 2026-01-17T12:00:00Z");
            assertThat(survivor.path("balance").path("available").asLong()).isEqualTo(100);
            assertThat(survivor.path("balance").path("pending").asLong()).isEqualTo(40);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> harness()
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ApplyLedger()),
                ResolvedRecord::program, Types.STRING);
        h.open();
        return h;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> h,
                             String member, String id, EventType type, String date, String payload) throws Exception {
        Event e = new Event(id, type.wireName(), "acme", Instant.parse(date + "T12:00:00Z"), "pos", Identifiers.NONE,
                (ObjectNode) EventJson.mapper().readTree(payload));
        h.processElement(record(Resolved.event(member, "matched", false, e)));
    }

    private static StreamRecord<ResolvedRecord> record(Resolved r) throws Exception {
        ResolvedRecord rec = ReadResolved.of(EventJson.mapper().writeValueAsBytes(r));
        return new StreamRecord<>(rec, rec.occurredAtMillis());
    }

    private static List<JsonNode> side(KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> h,
                                       OutputTag<KeyedJson> tag) {
        var q = h.getSideOutput(tag);
        return q == null ? List.of() : q.stream().map(r -> {
            try {
                return EventJson.mapper().readTree(r.getValue().value());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
