package loyalty.flink.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.identity.Resolved;
import loyalty.contract.validation.RejectReason;
import loyalty.flink.raw.RawEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResolveIdentitiesHarnessTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration QUIET = Duration.ofSeconds(5);

    private final List<KeyedOneInputStreamOperatorTestHarness<String, RawEvent, KeyedJson>> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (var h : open) {
            h.close();
        }
    }

    @Test
    void arrivalOrderWithinTheBoundDoesNotChangeMembersOrMerges() throws Exception {
        List<RawEvent> history = List.of(
                raw("e1", EventType.MEMBER_ENROLLED, 1, ids("ann@x.com", null, null, null), "{}"),
                raw("o2", EventType.ORDER_COMPLETED, 2, ids(null, "+14155550111", null, null), order("O2")),
                raw("o3", EventType.ORDER_COMPLETED, 3, ids("ann@x.com", "+14155550111", null, null), order("O3")));

        List<Resolved> inOrder = run(history);
        List<Resolved> reversed = run(List.of(history.get(2), history.get(1), history.get(0)));

        assertThat(reversed).isEqualTo(inOrder);
        assertThat(inOrder).extracting(Resolved::kind, Resolved::memberId, Resolved::resolution).containsExactly(
                org.assertj.core.groups.Tuple.tuple("event", "M-e1", "created"),
                org.assertj.core.groups.Tuple.tuple("event", "M-o2", "created"),
                org.assertj.core.groups.Tuple.tuple("merge", "M-o2", "merged"),
                org.assertj.core.groups.Tuple.tuple("event", "M-e1", "merged"));
        assertThat(inOrder).noneMatch(Resolved::late);
    }

    @Test
    void eventsWaitForTheWatermarkAndAnOlderOneIsResolvedAtOnceAsLate() throws Exception {
        var h = harness();
        h.processElement(record(raw("o1", EventType.ORDER_COMPLETED, 10, ids("a@x.com", null, null, null),
                order("O1"))));
        assertThat(h.extractOutputValues()).as("waits for the watermark").isEmpty();

        h.processWatermark(T0.plusSeconds(60 * 10).toEpochMilli());
        h.processElement(record(raw("o2", EventType.ORDER_COMPLETED, 4, ids("a@x.com", null, null, null),
                order("O2"))));

        List<Resolved> out = resolved(h);
        assertThat(out).extracting(Resolved::memberId).containsExactly("M-o1", "M-o1");
        assertThat(out).extracting(Resolved::late).containsExactly(false, true);
    }

    @Test
    void aQuietInputIsResolvedWithoutAWatermark() throws Exception {
        var h = harness();
        h.setProcessingTime(1_000);
        h.processElement(record(raw("o2", EventType.ORDER_COMPLETED, 2, ids("b@x.com", null, null, null),
                order("O2"))));
        h.processElement(record(raw("o1", EventType.ORDER_COMPLETED, 1, ids("b@x.com", null, null, null),
                order("O1"))));
        h.setProcessingTime(1_000 + QUIET.toMillis() - 1);
        assertThat(h.extractOutputValues()).isEmpty();

        h.setProcessingTime(1_000 + QUIET.toMillis());
        assertThat(resolved(h)).extracting(r -> r.event().eventId()).containsExactly("o1", "o2");

        h.processElement(record(raw("o0", EventType.ORDER_COMPLETED, 0, ids("b@x.com", null, null, null),
                order("O0"))));
        assertThat(resolved(h)).last().satisfies(r -> {
            assertThat(r.late()).isTrue();
            assertThat(r.memberId()).isEqualTo("M-o1");
        });
    }

    @Test
    void aLongFlushGoesInChunksSoCheckpointsCanRunBetweenThem() throws Exception {
        var h = harness();
        h.setProcessingTime(1_000);
        int events = ResolveIdentities.FLUSH_CHUNK + 10;
        for (int i = 0; i < events; i++) {
            h.processElement(record(raw("o" + i, EventType.ORDER_COMPLETED, i % 500,
                    ids("p" + i + "@x.com", null, null, null), order("O" + i))));
        }
        h.setProcessingTime(1_000 + QUIET.toMillis());
        int firstChunk = h.extractOutputValues().size();
        h.snapshot(1, 1_000 + QUIET.toMillis());
        h.setProcessingTime(1_000 + QUIET.toMillis() + 1);

        assertThat(firstChunk).isGreaterThanOrEqualTo(ResolveIdentities.FLUSH_CHUNK).isLessThan(events);
        List<Resolved> all = resolved(h);
        assertThat(all).hasSize(events);
        assertThat(all).extracting(r -> r.event().occurredAt()).isSorted();
    }

    @Test
    void aMergeWritesTheMergeRecordBeforeItsEventAndEveryChangeToItsOutput() throws Exception {
        var h = harness();
        h.processElement(record(raw("e1", EventType.MEMBER_ENROLLED, 1, ids("a@x.com", null, null, null), "{}")));
        h.processElement(record(raw("e2", EventType.MEMBER_ENROLLED, 2, ids(null, null, "C1", null), "{}")));
        h.processElement(record(raw("o3", EventType.ORDER_COMPLETED, 3, ids("a@x.com", null, "C1", null),
                order("O3"))));
        h.processWatermark(Long.MAX_VALUE);

        List<KeyedJson> out = h.extractOutputValues();
        assertThat(out).extracting(KeyedJson::key).as("keyed by program: one partition keeps the order")
                .containsOnly("acme");
        assertThat(out).extracting(json -> parse(json).memberId()).containsExactly("M-e1", "M-e2", "M-e2", "M-e1");
        Resolved merge = parse(out.get(2));
        assertThat(merge.kind()).isEqualTo("merge");
        assertThat(merge.merge().survivorId()).isEqualTo("M-e1");
        assertThat(merge.merge().welcomeClawback()).isTrue();
        assertThat(side(h, IdentityOutputs.CHANGES)).extracting(KeyedJson::key).containsExactly("M-e1");
        assertThat(side(h, IdentityOutputs.EVENT_ROWS)).singleElement()
                .satisfies(row -> assertThat(row.getString(2).toString()).isEqualTo("identity.merged"));
        // e1 created, e2 created, o3 changes both (loser MERGED, survivor gains the card)
        assertThat(side(h, IdentityOutputs.MEMBER_ROWS)).extracting(row -> row.getString(1) + "/" + row.getString(2))
                .containsExactly("M-e1/ACTIVE", "M-e2/ACTIVE", "M-e1/ACTIVE", "M-e2/MERGED");
        // links: a@x.com and C1 opened; C1 closed for M-e2 and opened for M-e1
        assertThat(side(h, IdentityOutputs.LINK_ROWS)).hasSize(4);
    }

    @Test
    void aRepeatedEventIdIsResolvedOnceAndAnEventWithOnlyBlockedIdentifiersIsDeadLettered() throws Exception {
        var h = harness();
        RawEvent first = raw("o1", EventType.ORDER_COMPLETED, 1, ids("a@x.com", null, null, null), order("O1"));
        h.processElement(record(first));
        h.processElement(record(first));
        h.processElement(record(raw("o2", EventType.ORDER_COMPLETED, 2, ids("test@test.com", "1111111111", null,
                null), order("O2"))));
        h.processWatermark(Long.MAX_VALUE);

        assertThat(resolved(h)).extracting(r -> r.event().eventId()).containsExactly("o1");
        assertThat(side(h, IdentityOutputs.DEAD_LETTERS)).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(RejectReason.NO_USABLE_IDENTIFIER);
            assertThat(d.detail()).contains("email blocklisted").contains("phone blocklisted");
            assertThat(d.source()).isEqualTo("kafka:loyalty.input.orders");
        });
    }

    @Test
    void aRestoredOperatorContinuesExactlyAsAnUninterruptedOne() throws Exception {
        List<RawEvent> first = List.of(
                raw("e1", EventType.MEMBER_ENROLLED, 1, ids("a@x.com", null, null, "42"), "{}"),
                raw("o2", EventType.ORDER_COMPLETED, 2, ids(null, "+14155550112", null, null), order("O2")));
        List<RawEvent> second = List.of(
                raw("o3", EventType.ORDER_COMPLETED, 3, ids("a@x.com", "+14155550112", null, null), order("O3")),
                raw("o4", EventType.ORDER_COMPLETED, 4, ids(null, "+14155550112", null, "43"), order("O4")));
        List<RawEvent> all = new ArrayList<>(first);
        all.addAll(second);
        List<Resolved> uninterrupted = run(all);

        var before = harness();
        for (RawEvent e : first) {
            before.processElement(record(e));
        }
        OperatorSubtaskState snapshot = before.snapshot(1, 1);
        List<Resolved> beforeOut = resolved(before);
        var after = harness(snapshot);
        for (RawEvent e : second) {
            after.processElement(record(e));
        }
        after.processWatermark(Long.MAX_VALUE);
        List<Resolved> restored = new ArrayList<>(beforeOut);
        restored.addAll(resolved(after));

        assertThat(restored).isEqualTo(uninterrupted);
        assertThat(restored).extracting(Resolved::resolution).contains("merged", "conflict");
    }

    private List<Resolved> run(List<RawEvent> events) throws Exception {
        var h = harness();
        for (RawEvent e : events) {
            h.processElement(record(e));
        }
        h.processWatermark(Long.MAX_VALUE);
        return resolved(h);
    }

    private KeyedOneInputStreamOperatorTestHarness<String, RawEvent, KeyedJson> harness() throws Exception {
        return harness(null);
    }

    private KeyedOneInputStreamOperatorTestHarness<String, RawEvent, KeyedJson> harness(OperatorSubtaskState state)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ResolveIdentities(Duration.ofDays(7), QUIET)), RawEvent::program,
                Types.STRING);
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        open.add(h);
        return h;
    }

    private static List<Resolved> resolved(KeyedOneInputStreamOperatorTestHarness<String, RawEvent, KeyedJson> h) {
        return h.extractOutputValues().stream().map(ResolveIdentitiesHarnessTest::parse).toList();
    }

    private static Resolved parse(KeyedJson json) {
        try {
            return EventJson.mapper().readValue(json.value(), Resolved.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static <T> List<T> side(KeyedOneInputStreamOperatorTestHarness<String, RawEvent, KeyedJson> h,
                                    OutputTag<T> tag) {
        Queue<StreamRecord<T>> records = h.getSideOutput(tag);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    private static StreamRecord<RawEvent> record(RawEvent e) {
        return new StreamRecord<>(e, e.occurredAt().toEpochMilli());
    }

    private static Identifiers ids(String email, String phone, String card, String crmId) {
        return new Identifiers(email, phone, card, crmId, null);
    }

    private static String order(String id) {
        return "{\"order_id\":\"" + id + "\",\"net_amount\":\"10.00\",\"currency\":\"USD\"}";
    }

    private static RawEvent raw(String id, EventType type, int minute, Identifiers ids, String payload) {
        Instant at = T0.plusSeconds(60L * minute);
        return new RawEvent(id, type.wireName(), "acme", at, "pos", ids, payload, at.plusSeconds(1),
                "loyalty.input.orders", 0, minute);
    }
}
