package loyalty.flink.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.identity.IdentityMerged;
import loyalty.contract.identity.Resolved;
import loyalty.flink.identity.KeyedJson;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Nudges through the ledger operator (SPEC §10): time-driven ones fire on event-time timers, and a snapshot and
 * restore in the middle of the stream gives exactly the nudges of an uninterrupted run.
 */
class NudgesHarnessTest {
    /** Holdout buckets of these ids (program acme) are 6268, 4603, 3968, 8083: none is held out at 10%. */
    static final String ANN = "M-e1";
    static final String BOB = "M-e2";
    static final String CAT = "M-e3";
    static final String DAN = "M-e4";
    /** Bucket 355: held out. */
    static final String HELD = "M-h2";

    @Test
    void expiryRemindersAndLapsesFireOnTheirTimers() throws Exception {
        try (var h = harness(null)) {
            send(h, ANN, "a1", EventType.MEMBER_ENROLLED, "2026-01-01T12:00:00Z", "{\"consent\":{\"push\":true}}");
            send(h, ANN, "a2", EventType.ORDER_COMPLETED, "2026-01-05T12:00:00Z", order("O1", "10.00"));

            watermark(h, "2026-03-06T11:59:59Z");
            assertThat(nudges(h)).extracting(n -> n.path("type").asText()).containsExactly("WELCOME");

            watermark(h, "2026-03-06T12:00:00Z");
            assertThat(nudges(h)).last().satisfies(n -> {
                assertThat(n.path("type").asText()).isEqualTo("LAPSE_RISK");
                assertThat(n.path("triggered_at").asText()).isEqualTo("2026-03-06T12:00:00Z");
                assertThat(n.path("status").asText()).isEqualTo("DELIVERED");
            });

            watermark(h, "2026-12-02T00:00:00Z");
            assertThat(nudges(h)).last().satisfies(n -> {
                assertThat(n.path("nudge_id").asText()).isEqualTo("POINTS_EXPIRING:M-e1:2027-01-01");
                assertThat(n.path("context").path("points_expiring").asLong()).isEqualTo(100);
            });
            assertThat(nudges(h)).hasSize(3);
        }
    }

    @Test
    void aRestoreInTheMiddleGivesTheNudgesOfAnUninterruptedRun() throws Exception {
        List<JsonNode> uninterrupted;
        try (var h = harness(null)) {
            firstHalf(h);
            secondHalf(h);
            uninterrupted = nudges(h);
        }
        List<JsonNode> resumed = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var h = harness(null)) {
            firstHalf(h);
            snapshot = h.snapshot(1, 1);
            resumed.addAll(nudges(h));
        }
        try (var h = harness(snapshot)) {
            secondHalf(h);
            resumed.addAll(nudges(h));
        }

        assertThat(resumed).isEqualTo(uninterrupted);
        assertThat(uninterrupted).extracting(n -> n.path("nudge_id").asText()).doesNotHaveDuplicates();
        assertThat(uninterrupted).extracting(n -> n.path("type").asText())
                .contains("POINTS_EXPIRING", "LAPSE_RISK", "BIRTHDAY", "REWARD_UNLOCKED");
    }

    /** Enrolments, orders, a redemption and a score: every event-driven type, and timers still to come. */
    static void firstHalf(KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> h)
            throws Exception {
        send(h, ANN, "a1", EventType.MEMBER_ENROLLED, "2026-01-01T12:00:00Z",
                "{\"birth_date\":\"1990-03-15\",\"consent\":{\"push\":true}}");
        send(h, BOB, "b1", EventType.MEMBER_ENROLLED, "2026-01-02T12:00:00Z", "{\"consent\":{\"email\":true}}");
        send(h, CAT, "c1", EventType.MEMBER_ENROLLED, "2026-01-02T13:00:00Z", "{}");
        send(h, HELD, "h1", EventType.MEMBER_ENROLLED, "2026-01-02T14:00:00Z", "{\"consent\":{\"sms\":true}}");
        send(h, DAN, "d1", EventType.ORDER_COMPLETED, "2026-01-03T09:00:00Z", order("O9", "20.00"));
        send(h, ANN, "a2", EventType.ORDER_COMPLETED, "2026-01-05T12:00:00Z", order("O1", "450.00"));
        send(h, BOB, "b2", EventType.ORDER_COMPLETED, "2026-01-06T12:00:00Z", order("O2", "600.00"));
        send(h, ANN, "a3", EventType.REDEMPTION_REQUESTED, "2026-01-07T12:00:00Z",
                "{\"redemption_id\":\"R1\",\"points\":50}");
        send(h, ANN, "a4", EventType.ML_SCORED, "2026-01-08T12:00:00Z",
                "{\"member_id\":\"M-e1\",\"model\":\"churn\",\"model_version\":\"v3\",\"score\":\"0.9\"}");
        send(h, CAT, "c2", EventType.ML_SCORED, "2026-01-08T13:00:00Z",
                "{\"member_id\":\"M-e3\",\"model\":\"churn\",\"model_version\":\"v3\",\"score\":\"0.75\"}");
    }

    /** Availability, a merge, then a year of timers: reward, birthday, reminders and lapses. */
    static void secondHalf(KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> h)
            throws Exception {
        watermark(h, "2026-01-25T00:00:00Z");
        h.processElement(record(Resolved.merge(IdentityMerged.of("acme", ANN, BOB, "p1",
                Instant.parse("2026-02-01T12:00:00Z"), List.of("card:C1"), Instant.parse("2026-01-01T12:00:00Z"),
                Instant.parse("2026-01-02T12:00:00Z")), false)));
        send(h, ANN, "a5", EventType.POINTS_ADJUSTED, "2026-02-02T12:00:00Z",
                "{\"points\":2000,\"reason\":\"goodwill\",\"operator\":\"ops\"}");
        watermark(h, "2027-02-01T00:00:00Z");
    }

    static KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> harness(
            OperatorSubtaskState state) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ApplyLedger()),
                ResolvedRecord::program, Types.STRING);
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        return h;
    }

    static void send(KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> h, String member,
                     String id, EventType type, String at, String payload) throws Exception {
        Event e = new Event(id, type.wireName(), "acme", Instant.parse(at), "pos", Identifiers.NONE,
                (ObjectNode) EventJson.mapper().readTree(payload));
        h.processElement(record(Resolved.event(member, "matched", false, e)));
    }

    static List<JsonNode> nudges(KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> h) {
        var q = h.getSideOutput(LedgerOutputs.NUDGES);
        if (q == null) {
            return List.of();
        }
        return q.stream().map(r -> {
            try {
                assertThat(r.getValue().key()).isEqualTo(EventJson.mapper().readTree(r.getValue().value())
                        .path("member_id").asText());
                return EventJson.mapper().readTree(r.getValue().value());
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private static StreamRecord<ResolvedRecord> record(Resolved r) throws Exception {
        ResolvedRecord rec = ReadResolved.of(EventJson.mapper().writeValueAsBytes(r));
        return new StreamRecord<>(rec, rec.occurredAtMillis());
    }

    private static void watermark(KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> h,
                                  String at) throws Exception {
        h.processWatermark(Instant.parse(at).toEpochMilli());
    }

    private static String order(String id, String amount) {
        return "{\"order_id\":\"" + id + "\",\"net_amount\":\"" + amount + "\",\"currency\":\"USD\"}";
    }
}
