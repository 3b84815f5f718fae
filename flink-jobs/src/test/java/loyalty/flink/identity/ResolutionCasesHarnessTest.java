package loyalty.flink.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.identity.Resolved;
import loyalty.flink.raw.RawEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SPEC §3 cases through the Flink operator: each case sends its events (shuffled: the operator restores
 * event-time order) and expects, per event in that order, {@code event_id>member_id:resolution}, with merge records
 * as {@code merge:loser>survivor}.
 */
class ResolutionCasesHarnessTest {
    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("new profile", List.of(
                        order("o1", 1, ids("a@x.com", null, null, null, null))),
                        List.of("o1>M-o1:created")),
                Arguments.of("attach", List.of(
                        enrol("e1", 1, ids("a@x.com", null, null, null, null)),
                        order("o2", 2, ids("A@X.COM", "415 555 0120", null, null, null))),
                        List.of("e1>M-e1:created", "o2>M-e1:attached")),
                Arguments.of("two-way merge", List.of(
                        enrol("e1", 1, ids("a@x.com", null, null, null, null)),
                        order("o2", 2, ids(null, null, "C-1", null, null)),
                        order("o3", 3, ids("a@x.com", null, "c1", null, null))),
                        List.of("e1>M-e1:created", "o2>M-o2:created", "merge:M-o2>M-e1", "o3>M-e1:merged")),
                Arguments.of("three-way merge", List.of(
                        order("o1", 1, ids("a@x.com", null, null, null, null)),
                        order("o2", 2, ids(null, "+14155550121", null, null, null)),
                        order("o3", 3, ids(null, null, "C2", null, null)),
                        order("o4", 4, ids("a@x.com", "+14155550121", "C2", null, null))),
                        List.of("o1>M-o1:created", "o2>M-o2:created", "o3>M-o3:created", "merge:M-o2>M-o1",
                                "merge:M-o3>M-o1", "o4>M-o1:merged")),
                Arguments.of("chain merge", List.of(
                        enrol("e1", 1, ids("one@x.com", null, null, null, null)),
                        enrol("e2", 2, ids("two@x.com", null, null, null, null)),
                        enrol("e3", 3, ids("three@x.com", null, null, null, null)),
                        order("o4", 4, ids("one@x.com", null, "C3", null, null)),
                        order("o5", 5, ids("two@x.com", null, "C3", null, null)),
                        order("o6", 6, ids("three@x.com", null, "C3", null, null))),
                        List.of("e1>M-e1:created", "e2>M-e2:created", "e3>M-e3:created", "o4>M-e1:attached",
                                "merge:M-e2>M-e1", "o5>M-e1:merged", "merge:M-e3>M-e1", "o6>M-e1:merged")),
                Arguments.of("guard: two crm ids", List.of(
                        enrol("e1", 1, ids("a@x.com", null, null, "42", null)),
                        enrol("e2", 2, ids(null, null, "C4", "43", null)),
                        order("o3", 3, ids("a@x.com", null, "C4", null, null))),
                        List.of("e1>M-e1:created", "e2>M-e2:created", "o3>M-e2:conflict")),
                Arguments.of("guard: email limit", List.of(
                        enrol("e1", 1, ids("a1@x.com", null, "C5", null, null)),
                        order("o2", 2, ids("a2@x.com", null, "C5", null, null)),
                        order("o3", 3, ids("a3@x.com", null, "C5", null, null)),
                        order("o4", 4, ids("a4@x.com", null, "C5", null, null))),
                        List.of("e1>M-e1:created", "o2>M-e1:attached", "o3>M-e1:attached", "o4>M-e1:conflict")),
                Arguments.of("device-only events", List.of(
                        engage("g1", 1, ids(null, null, null, null, "dev-1")),
                        enrol("e2", 2, ids("a@x.com", null, null, null, "dev-1")),
                        engage("g3", 3, ids(null, null, null, null, "dev-1"))),
                        List.of("g1>null:unattributed", "e2>M-e2:created", "g3>M-e2:device")),
                Arguments.of("blocklisted identifier ignored", List.of(
                        enrol("e1", 1, ids("test@test.com", "+14155550122", null, null, null)),
                        order("o2", 2, ids("test@test.com", null, "C6", null, null))),
                        List.of("e1>M-e1:created", "o2>M-o2:created")),
                Arguments.of("duplicate event id", List.of(
                        order("o1", 1, ids("a@x.com", null, null, null, null)),
                        order("o1", 1, ids("a@x.com", "+14155550123", null, null, null))),
                        List.of("o1>M-o1:created")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resolvesTheCaseInEventTimeOrderWhateverTheArrivalOrder(String name, List<RawEvent> events,
                                                                List<String> expected) throws Exception {
        List<RawEvent> arrival = new ArrayList<>(events);
        java.util.Collections.reverse(arrival);
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ResolveIdentities(Duration.ofDays(7), Duration.ofSeconds(5))),
                RawEvent::program, Types.STRING)) {
            h.open();
            for (RawEvent e : arrival) {
                h.processElement(new StreamRecord<>(e, e.occurredAt().toEpochMilli()));
            }
            h.processWatermark(Long.MAX_VALUE);
            List<String> actual = new ArrayList<>();
            for (KeyedJson out : h.extractOutputValues()) {
                Resolved r = EventJson.mapper().readValue(out.value(), Resolved.class);
                actual.add(Resolved.MERGE.equals(r.kind())
                        ? "merge:" + r.merge().loserId() + ">" + r.merge().survivorId()
                        : r.event().eventId() + ">" + r.memberId() + ":" + r.resolution());
            }
            assertThat(actual).as(name).isEqualTo(expected);
        }
    }

    private static Identifiers ids(String email, String phone, String card, String crm, String device) {
        return new Identifiers(email, phone, card, crm, device);
    }

    private static RawEvent order(String id, int minute, Identifiers ids) {
        return raw(id, EventType.ORDER_COMPLETED, minute, ids,
                "{\"order_id\":\"O-" + id + "\",\"net_amount\":\"9.99\",\"currency\":\"USD\"}");
    }

    private static RawEvent enrol(String id, int minute, Identifiers ids) {
        return raw(id, EventType.MEMBER_ENROLLED, minute, ids, "{}");
    }

    private static RawEvent engage(String id, int minute, Identifiers ids) {
        return raw(id, EventType.ENGAGEMENT_RECORDED, minute, ids, "{\"kind\":\"review\"}");
    }

    private static RawEvent raw(String id, EventType type, int minute, Identifiers ids, String payload) {
        Instant at = T0.plusSeconds(60L * minute);
        return new RawEvent(id, type.wireName(), "acme", at, "app", ids, payload, at, "loyalty.input.orders", 0,
                minute);
    }
}
