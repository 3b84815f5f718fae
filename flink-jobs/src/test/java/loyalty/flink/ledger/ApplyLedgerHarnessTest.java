package loyalty.flink.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/** The ledger operator on resolved records: SPEC §12 examples through Flink state, timers and outputs. */
class ApplyLedgerHarnessTest {

    @Test
    void exampleA_throughTheOperatorWithTimersDrivingAvailability() throws Exception {
        try (var h = harness(null)) {
            send(h, "M-a", "e1", EventType.MEMBER_ENROLLED, "2026-01-01", "{}");
            send(h, "M-a", "o1", EventType.ORDER_COMPLETED, "2026-01-05", order("O1", "120.50"));
            send(h, "M-a", "r1", EventType.REDEMPTION_REQUESTED, "2026-01-10", redeem("R1", 150));
            watermark(h, "2026-01-19T12:00:00Z");   // O1 becomes available by its timer
            send(h, "M-a", "r2", EventType.REDEMPTION_REQUESTED, "2026-01-20", redeem("R2", 150));
            send(h, "M-a", "o2", EventType.ORDER_COMPLETED, "2026-02-01", order("O2", "450.00"));
            send(h, "M-a", "o3", EventType.ORDER_COMPLETED, "2026-02-03", order("O3", "100.00"));
            send(h, "M-a", "x1", EventType.ORDER_RETURNED, "2026-02-05",
                    "{\"return_id\":\"X1\",\"order_id\":\"O2\",\"refund_amount\":\"450.00\"}");
            watermark(h, "2026-03-01T00:00:00Z");

            assertThat(side(h, LedgerOutputs.OUTCOMES)).extracting(j -> j.path("status").asText())
                    .containsExactly("REJECTED", "APPROVED");
            JsonNode balance = lastBalance(h, "M-a");
            assertThat(balance.path("available").asLong()).isEqualTo(195);
            assertThat(balance.path("pending").asLong()).isZero();
            assertThat(balance.path("tier").asText()).isEqualTo("MEMBER");
            assertThat(entries(h).stream().mapToLong(e -> e.path("points").asLong()).sum()).isEqualTo(195);
            assertThat(side(h, LedgerOutputs.TIER_CHANGES)).extracting(j -> j.path("cause").asText())
                    .containsExactly("enrollment", "upgrade", "return");
        }
    }

    @Test
    void exampleC_aMergeMovesTheLoserIntoTheSurvivorAndRestoreKeepsEverything() throws Exception {
        OperatorSubtaskState snapshot;
        List<JsonNode> before;
        try (var h = harness(null)) {
            send(h, "P1", "a1", EventType.MEMBER_ENROLLED, "2026-01-01", "{}");
            send(h, "P2", "b1", EventType.MEMBER_ENROLLED, "2026-01-02", "{}");
            send(h, "P2", "b2", EventType.ORDER_COMPLETED, "2026-01-03", order("O1", "200.00"));
            snapshot = h.snapshot(1, 1);
            before = entries(h);
        }
        try (var h = harness(snapshot)) {
            h.processElement(record(Resolved.merge(IdentityMerged.of("acme", "P1", "P2", "p5",
                    Instant.parse("2026-01-05T12:00:00Z"), List.of("card:C1"), Instant.parse("2026-01-01T12:00:00Z"),
                    Instant.parse("2026-01-02T12:00:00Z")), false)));
            send(h, "P1", "p5", EventType.PROFILE_UPDATED, "2026-01-05", "{}");
            watermark(h, "2026-01-20T12:00:00Z");

            assertThat(lastBalance(h, "P1").path("available").asLong()).isEqualTo(300);
            assertThat(lastBalance(h, "P2").path("available").asLong()).isZero();
            List<JsonNode> all = new ArrayList<>(before);
            all.addAll(entries(h));
            assertThat(all.stream().mapToLong(e -> e.path("points").asLong()).sum()).isEqualTo(300);
        }
    }

    @Test
    void anInvalidRuleSetIsRejectedWithItsErrorsAndAValidOneAppliesFromItsEffectiveTime() throws Exception {
        try (var h = harness(null)) {
            send(h, null, "rs1", EventType.RULES_PUBLISHED, "2026-01-01",
                    "{\"effective_from\":\"2026-01-01T00:00:00Z\",\"rule_set\":{\"base_rate\":\"-1\"}}");
            send(h, null, "rs2", EventType.RULES_PUBLISHED, "2026-01-01",
                    "{\"effective_from\":\"2026-02-01T00:00:00Z\",\"rule_set\":{\"version\":\"2\",\"base_rate\":\"3\"}}");
            send(h, "M-a", "e1", EventType.MEMBER_ENROLLED, "2026-01-01", "{}");
            send(h, "M-a", "o1", EventType.ORDER_COMPLETED, "2026-01-05", order("O1", "10.00"));
            send(h, "M-a", "o2", EventType.ORDER_COMPLETED, "2026-02-05", order("O2", "10.00"));
            send(h, null, "r9", EventType.REDEMPTION_REQUESTED, "2026-02-06", redeem("R9", 10));

            assertThat(side(h, LedgerOutputs.RULES_REJECTED)).singleElement()
                    .satisfies(j -> assertThat(j.path("errors").toString()).contains("version"));
            assertThat(entries(h)).extracting(e -> e.path("points").asLong() + "@" + e.path("rule_version").asText())
                    .containsExactly("100@default", "10@default", "30@2");
            assertThat(side(h, LedgerOutputs.OUTCOMES)).singleElement()
                    .satisfies(j -> assertThat(j.path("reason").asText()).isEqualTo("unknown_member"));
        }
    }

    /** SPEC §7 and §13.16: a request of 0 or fewer points gets its outcome, invalid_amount, checked first. */
    @Test
    void aRequestOfZeroOrFewerPointsIsRejectedInvalidAmountForAMemberAndForNobody() throws Exception {
        try (var h = harness(null)) {
            send(h, "M-a", "e1", EventType.MEMBER_ENROLLED, "2026-01-01", "{}");
            send(h, "M-a", "r1", EventType.REDEMPTION_REQUESTED, "2026-01-02", redeem("R1", 0));
            send(h, "M-a", "r2", EventType.REDEMPTION_REQUESTED, "2026-01-02", redeem("R2", -5));
            send(h, null, "r3", EventType.REDEMPTION_REQUESTED, "2026-01-02", redeem("R3", 0));
            send(h, "M-a", "r4", EventType.REDEMPTION_REQUESTED, "2026-01-03", redeem("R4", 40));

            assertThat(side(h, LedgerOutputs.OUTCOMES))
                    .extracting(j -> j.path("redemption_id").asText() + " " + j.path("status").asText() + " "
                            + j.path("reason").asText(""))
                    .containsExactly("R1 REJECTED invalid_amount", "R2 REJECTED invalid_amount",
                            "R3 REJECTED invalid_amount", "R4 APPROVED ");
            assertThat(entries(h)).extracting(e -> e.path("points").asLong()).containsExactly(100L, -40L);
        }
    }

    @Test
    void ledgersKeptAsJsonTextByAnEarlierVersionAreTakenOverOnRestore() throws Exception {
        // a member's ledger as the earlier version stored it: JSON text in map state "ledgers"
        OperatorSubtaskState asText;
        try (var old = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new TextLedgers()),
                ResolvedRecord::program, Types.STRING)) {
            old.open();
            old.processElement(record(Resolved.event("M-a", "matched", false, new Event("x", "member.enrolled",
                    "acme", Instant.parse("2026-01-01T12:00:00Z"), "pos", Identifiers.NONE,
                    EventJson.mapper().createObjectNode()))));
            asText = old.snapshot(1, 1);
        }
        try (var h = harness(asText)) {
            send(h, "M-a", "o1", EventType.ORDER_COMPLETED, "2026-01-05", order("O1", "20.00"));

            assertThat(lastBalance(h, "M-a").path("pending").asLong()).isEqualTo(20);
            assertThat(lastBalance(h, "M-a").path("available").asLong()).as("the welcome bonus kept")
                    .isEqualTo(100);
        }
    }

    /** Writes a ledger with its welcome bonus the way the earlier version of ApplyLedger kept it. */
    static final class TextLedgers extends org.apache.flink.streaming.api.functions.KeyedProcessFunction<String,
            ResolvedRecord, KeyedJson> {
        @Override
        public void processElement(ResolvedRecord record, Context ctx,
                                   org.apache.flink.util.Collector<KeyedJson> out) throws Exception {
            var state = getRuntimeContext().getMapState(new org.apache.flink.api.common.state.MapStateDescriptor<>(
                    "ledgers", Types.STRING, Types.STRING));
            var ledger = new loyalty.ledger.core.MemberLedger("acme", "M-a");
            var rules = new loyalty.ledger.core.BookRules(new loyalty.ledger.rules.RuleBook(),
                    new loyalty.ledger.rules.CampaignConditions());
            Resolved r = EventJson.mapper().readValue(record.json(), Resolved.class);
            ledger.apply(r.event(), rules);
            state.put("M-a", EventJson.mapper().writeValueAsString(ledger));
        }
    }

    @Test
    void aBalanceNeverGoesBackInTimeWhenALateEventFollowsAMerge() throws Exception {
        try (var h = harness(null)) {
            send(h, "P1", "a1", EventType.MEMBER_ENROLLED, "2026-01-01", "{}");
            send(h, "P2", "b1", EventType.MEMBER_ENROLLED, "2026-01-02", "{}");
            h.processElement(record(Resolved.merge(IdentityMerged.of("acme", "P1", "P2", "p5",
                    Instant.parse("2026-01-05T12:00:00Z"), List.of("card:C1"), Instant.parse("2026-01-01T12:00:00Z"),
                    Instant.parse("2026-01-02T12:00:00Z")), false)));
            send(h, "P1", "late", EventType.ORDER_COMPLETED, "2026-01-03", order("O7", "10.00"));

            List<String> asOf = side(h, LedgerOutputs.BALANCES).stream()
                    .filter(b -> b.path("member_id").asText().equals("P1"))
                    .map(b -> b.path("as_of").asText()).toList();
            assertThat(asOf).isSortedAccordingTo(java.util.Comparator.naturalOrder());
            assertThat(asOf.get(asOf.size() - 1)).startsWith("2026-01-05");
        }
    }

    @Test
    void aRefereesFirstOrderPaysTheReferrerIdentityResolutionNamed() throws Exception {
        try (var h = harness(null)) {
            send(h, "M-bob", "e1", EventType.MEMBER_ENROLLED, "2026-01-01", "{}");
            send(h, "M-ann", "e2", EventType.MEMBER_ENROLLED, "2026-01-02",
                    "{\"referred_by\":{\"email\":\"bob@x.com\"}}");
            sendOrder(h, "M-ann", "o1", "2026-01-05", order("O1", "10.00"), "M-bob");
            sendOrder(h, "M-ann", "o2", "2026-01-06", order("O2", "10.00"), "M-bob");

            assertThat(entries(h)).filteredOn(e -> e.path("member_id").asText().equals("M-bob"))
                    .extracting(e -> e.path("points").asLong() + " " + e.path("note").asText(""))
                    .as("the welcome, then one referral bonus: only the first order counts")
                    .containsExactly("100 welcome", "500 referral of M-ann");
            assertThat(lastBalance(h, "M-bob").path("available").asLong()).as("available at once").isEqualTo(600);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void theEndOfABoundedInputFiresTheTimersSetButSchedulesNoYearlyEffectsForEver() throws Exception {
        try (var h = harness(null)) {
            send(h, "M-a", "e1", EventType.MEMBER_ENROLLED, "2026-01-01", "{\"birth_date\":\"1990-03-15\"}");
            send(h, "M-a", "o1", EventType.ORDER_COMPLETED, "2026-01-05", order("O1", "600.00"));
            h.processWatermark(Long.MAX_VALUE);

            assertThat(h.numEventTimeTimers()).isZero();
            // the timers set before the end fire (O1 available 01-19, the birthday 03-15); nothing new is scheduled
            assertThat(entries(h).stream().mapToLong(e -> e.path("points").asLong()).sum())
                    .as("welcome 100 + O1 600 + birthday 100").isEqualTo(800);
        }
    }

    @Test
    void everyPublicationIsRecordedWithItsDiffFromTheLastAcceptedRuleSetOfTheBook() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(null)) {
            send(h, null, "rs1", EventType.RULES_PUBLISHED, "2026-01-01",
                    "{\"effective_from\":\"2026-01-01T00:00:00Z\",\"rule_set\":{\"version\":\"1\"},"
                            + "\"operator\":\"jane\"}");
            snapshot = h.snapshot(1, 1);
        }
        // the previous version comes from the operator's state, so it survives a restore
        try (var h = harness(snapshot)) {
            send(h, null, "rs2", EventType.RULES_PUBLISHED, "2026-02-01",
                    "{\"effective_from\":\"2026-03-01T00:00:00Z\","
                            + "\"rule_set\":{\"version\":\"2\",\"base_rate\":\"3\"}}");
            send(h, null, "rs3", EventType.RULES_PUBLISHED, "2026-02-02",
                    "{\"effective_from\":\"2026-03-01T00:00:00Z\","
                            + "\"rule_set\":{\"version\":\"3\",\"base_rate\":\"-1\"}}");

            List<JsonNode> rows = side(h, LedgerOutputs.RULE_SET_PUBLICATIONS);
            assertThat(rows).extracting(j -> j.path("event_id").asText() + " " + j.path("version").asText() + " "
                            + j.path("status").asText() + " by " + j.path("published_by").asText() + " after "
                            + j.path("previous_version").asText("-"))
                    .containsExactly("rs2 2 ACCEPTED by pos after 1", "rs3 3 REJECTED by pos after 2");
            JsonNode second = rows.get(0);
            assertThat(second.path("published_at").asText()).isEqualTo("2026-02-01T12:00:00Z");
            assertThat(second.path("effective_from").asText()).isEqualTo("2026-03-01T00:00:00Z");
            assertThat(second.path("diff")).extracting(op -> op.path("op").asText() + " " + op.path("path").asText())
                    .containsExactlyInAnyOrder("replace /version", "replace /base_rate", "replace /effective_from");
            JsonNode rejected = rows.get(1);
            assertThat(rejected.has("diff")).isFalse();
            assertThat(rejected.path("errors").toString()).contains("base_rate");
        }
        try (var h = harness(null)) {
            send(h, null, "rs1", EventType.RULES_PUBLISHED, "2026-01-01",
                    "{\"effective_from\":\"2026-01-01T00:00:00Z\",\"rule_set\":{\"version\":\"1\"},"
                            + "\"operator\":\"jane\"}");
            JsonNode first = side(h, LedgerOutputs.RULE_SET_PUBLICATIONS).get(0);
            assertThat(first.path("published_by").asText()).isEqualTo("jane");
            assertThat(first.has("previous_version")).isFalse();
            assertThat(first.path("diff")).isNotEmpty()
                    .allSatisfy(op -> assertThat(op.path("op").asText()).isEqualTo("add"));
            // the row the Iceberg sink writes: the diff as JSON text, the time as a timestamp
            var row = LedgerRows.ruleSetPublications().map(h.getSideOutput(LedgerOutputs.RULE_SET_PUBLICATIONS)
                    .peek().getValue());
            assertThat(row.getString(9).toString()).startsWith("[{\"op\":\"add\"");
            assertThat(row.getString(6).toString()).isEqualTo("ACCEPTED");
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> harness(
            OperatorSubtaskState state) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ApplyLedger()),
                ResolvedRecord::program, Types.STRING);
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        return h;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> h,
                             String member, String id, EventType type, String date, String payload) throws Exception {
        Event e = new Event(id, type.wireName(), "acme", Instant.parse(date + "T12:00:00Z"), "pos", Identifiers.NONE,
                (ObjectNode) EventJson.mapper().readTree(payload));
        h.processElement(record(Resolved.event(member, "matched", false, e)));
    }

    private static void sendOrder(KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> h,
                                  String member, String id, String date, String payload, String referrer)
            throws Exception {
        Event e = new Event(id, EventType.ORDER_COMPLETED.wireName(), "acme", Instant.parse(date + "T12:00:00Z"),
                "pos", Identifiers.NONE, (ObjectNode) EventJson.mapper().readTree(payload));
        h.processElement(record(Resolved.event(member, "matched", false, e).withReferrer(referrer)));
    }

    private static StreamRecord<ResolvedRecord> record(Resolved r) throws Exception {
        ResolvedRecord rec = ReadResolved.of(EventJson.mapper().writeValueAsBytes(r));
        return new StreamRecord<>(rec, rec.occurredAtMillis());
    }

    private static void watermark(KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> h,
                                  String at) throws Exception {
        h.processWatermark(Instant.parse(at).toEpochMilli());
    }

    private static List<JsonNode> entries(KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> h) {
        return h.extractOutputValues().stream().map(ApplyLedgerHarnessTest::tree).toList();
    }

    private static List<JsonNode> side(KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> h,
                                       OutputTag<KeyedJson> tag) {
        var q = h.getSideOutput(tag);
        return q == null ? List.of() : q.stream().map(r -> tree(r.getValue())).toList();
    }

    private static JsonNode lastBalance(KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> h,
                                        String member) {
        Map<String, JsonNode> latest = new TreeMap<>();
        side(h, LedgerOutputs.BALANCES).forEach(b -> latest.put(b.path("member_id").asText(), b));
        return latest.get(member);
    }

    private static JsonNode tree(KeyedJson j) {
        try {
            return EventJson.mapper().readTree(j.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String order(String id, String amount) {
        return "{\"order_id\":\"" + id + "\",\"net_amount\":\"" + amount + "\",\"currency\":\"USD\"}";
    }

    private static String redeem(String id, long points) {
        return "{\"redemption_id\":\"" + id + "\",\"points\":" + points + "}";
    }
}
