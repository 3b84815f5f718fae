package loyalty.flink.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.identity.Resolved;
import loyalty.flink.identity.KeyedJson;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * SPEC §7 "no two concurrent requests can spend the same points", under a burst: thousands of redemption requests
 * for one member at (nearly) the same instant, in shuffled arrival order, some resent under new event ids, through
 * the ledger operator.
 *
 * <p>Why "concurrent" requests cannot double-spend: {@link ApplyLedger} is keyed by program, so every record of a
 * program — every request of every member in it — goes to one keyed subtask, and Flink runs a subtask's records
 * and timers one at a time on its task thread. Each request reads the member's ledger, decides against its
 * available points, consumes lots and writes the ledger back before the next record is looked at; there is no
 * second writer to race with. After a failure the state and the outputs roll back together to the last checkpoint
 * (exactly-once sinks), so a replayed request is decided again on the state it first saw. The test checks the
 * consequence: the decisions form one sequence in which each approval sees exactly what the previous ones left.
 */
class RedemptionRaceTest {
    private static final Instant ENROLLED = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant BURST = Instant.parse("2026-03-05T12:00:00Z");
    private static final int REQUESTS = 5_000;
    private static final int RESENT = 500;
    private static final long[] ADJUSTMENTS = {500, 250, 1_000, 750, 400, 300, 1_200, 600};

    @Test
    void aBurstOfRequestsForOneMemberIsDecidedOneByOneAndNeverSpendsAPointTwice() throws Exception {
        Random random = new Random(20260305);
        List<Event> requests = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            // the same instant, or a millisecond or two apart
            requests.add(request("rq-" + i, "R" + i, 1 + random.nextInt(20), BURST.plusMillis(random.nextInt(3))));
        }
        Collections.shuffle(requests, random);
        List<Event> arrivals = new ArrayList<>(requests);
        for (int k = 0; k < RESENT; k++) {
            // a client resending: the same redemption id under a new event id, other points, after the original
            int original = random.nextInt(REQUESTS);
            Event first = requests.get(original);
            Event resent = request("resend-" + k, first.payload().path("redemption_id").asText(),
                    1 + random.nextInt(5_000), first.occurredAt());
            arrivals.add(arrivals.indexOf(first) + 1 + random.nextInt(arrivals.size() - arrivals.indexOf(first)),
                    resent);
        }

        List<JsonNode> entries;
        List<JsonNode> outcomes;
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ApplyLedger()),
                ResolvedRecord::program, Types.STRING)) {
            h.open();
            send(h, event("enrol", EventType.MEMBER_ENROLLED, ENROLLED, EventJson.mapper().createObjectNode()));
            for (int i = 0; i < ADJUSTMENTS.length; i++) {
                // lots of different sizes and expiry dates, so requests are spread over several lots
                send(h, event("adj-" + i, EventType.POINTS_ADJUSTED, ENROLLED.plus(Duration.ofHours(i + 1)),
                        EventJson.mapper().createObjectNode().put("points", ADJUSTMENTS[i]).put("reason", "seed")
                                .put("operator", "test")));
            }
            for (Event e : arrivals) {
                send(h, e);
            }
            entries = h.extractOutputValues().stream().map(RedemptionRaceTest::tree).toList();
            outcomes = h.getSideOutput(LedgerOutputs.OUTCOMES).stream().map(r -> tree(r.getValue())).toList();
        }

        long availableBefore = 100 + java.util.Arrays.stream(ADJUSTMENTS).sum();
        Map<String, JsonNode> byEvent = new HashMap<>();
        outcomes.forEach(o -> assertThat(byEvent.put(o.path("event_id").asText(), o))
                .as("one outcome for request %s", o.path("event_id").asText()).isNull());
        assertThat(byEvent).hasSize(REQUESTS + RESENT);

        // one sequence of decisions: each sees what the approvals before it left, nothing more
        long running = availableBefore;
        long approved = 0;
        Map<String, JsonNode> decided = new HashMap<>();
        for (JsonNode o : outcomes) {
            if (o.hasNonNull("repeat_of")) {
                continue;
            }
            assertThat(decided.put(o.path("redemption_id").asText(), o)).as("decided once").isNull();
            assertThat(o.path("available_before").asLong()).isEqualTo(running);
            if ("APPROVED".equals(o.path("status").asText())) {
                assertThat(o.path("points").asLong()).isLessThanOrEqualTo(running);
                running -= o.path("points").asLong();
                approved += o.path("points").asLong();
            } else {
                assertThat(o.path("reason").asText()).isEqualTo("insufficient_points");
                assertThat(o.path("points").asLong()).isGreaterThan(running);
            }
        }
        assertThat(decided).hasSize(REQUESTS);
        assertThat(approved).as("approved points within what the member had").isLessThanOrEqualTo(availableBefore)
                .isGreaterThan(availableBefore - 20);
        assertThat(decided.values()).filteredOn(o -> "REJECTED".equals(o.path("status").asText())).isNotEmpty();

        // a resent id gets the first outcome again and debits nothing
        for (JsonNode o : outcomes) {
            if (o.hasNonNull("repeat_of")) {
                JsonNode first = decided.get(o.path("redemption_id").asText());
                assertThat(o.path("repeat_of").asText()).isEqualTo(first.path("event_id").asText());
                assertThat(o.path("status")).isEqualTo(first.path("status"));
                assertThat(o.path("points")).isEqualTo(first.path("points"));
            }
        }

        // the ledger: debits equal approvals, no lot gives more than it held, no entry twice
        Map<String, Long> held = new HashMap<>();
        Map<String, Long> taken = new HashMap<>();
        Set<String> ids = new HashSet<>();
        long redeemed = 0;
        for (JsonNode e : entries) {
            assertThat(ids.add(e.path("entry_id").asText())).as("entry %s once", e.path("entry_id")).isTrue();
            String lot = e.path("lot_id").asText();
            long points = e.path("points").asLong();
            if ("REDEEM".equals(e.path("type").asText())) {
                taken.merge(lot, -points, Long::sum);
                redeemed -= points;
                assertThat(e.path("source_event_id").asText()).doesNotStartWith("resend-");
            } else {
                held.merge(lot, points, Long::sum);
            }
        }
        assertThat(redeemed).isEqualTo(approved);
        assertThat(taken.keySet()).hasSizeGreaterThan(1);
        taken.forEach((lot, points) -> assertThat(points).as("taken from lot %s", lot).isLessThanOrEqualTo(held.get(lot)));
        assertThat(entries.stream().mapToLong(e -> e.path("points").asLong()).sum())
                .as("what is left").isEqualTo(availableBefore - approved).isNotNegative();
    }

    private static Event request(String eventId, String redemptionId, long points, Instant at) {
        return event(eventId, EventType.REDEMPTION_REQUESTED, at, EventJson.mapper().createObjectNode()
                .put("redemption_id", redemptionId).put("points", points).put("reward_id", "coffee"));
    }

    private static Event event(String id, EventType type, Instant at, ObjectNode payload) {
        return new Event(id, type.wireName(), "acme", at, "app", Identifiers.NONE, payload);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> h, Event e)
            throws Exception {
        ResolvedRecord r = ReadResolved.of(EventJson.mapper().writeValueAsBytes(Resolved.event("M-enrol", "matched",
                false, e)));
        h.processElement(new StreamRecord<>(r, r.occurredAtMillis()));
    }

    private static JsonNode tree(KeyedJson j) {
        try {
            return EventJson.mapper().readTree(j.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
