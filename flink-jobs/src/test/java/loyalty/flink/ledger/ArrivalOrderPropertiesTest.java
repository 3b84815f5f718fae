package loyalty.flink.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.flink.identity.KeyedJson;
import loyalty.flink.identity.ResolveIdentities;
import loyalty.flink.raw.RawEvent;
import loyalty.ledger.core.LedgerHistories;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * SPEC §1 "arrival order must not change the result while events arrive within the out-of-orderness bound", through
 * the operators that carry it: the ledger core is fed in event-time order, and it is identity resolution
 * ({@link ResolveIdentities}) that restores that order, holding events until the watermark passes them. So a
 * program's events (three members with random histories, and profile updates that merge them) are sent to
 * ResolveIdentities once in event-time order and once shuffled within the bound, with the watermarks a bounded
 * out-of-orderness strategy would give; its resolved stream then drives {@link ApplyLedger} with the watermarks of
 * the ledger job (monotonous on the resolved stream). The resolved stream and every ledger output must be identical,
 * and the ledger must keep SPEC §11 per member (Σ entries = available + pending of the last balance; no entry twice).
 */
class ArrivalOrderPropertiesTest {
    /** Wide, as for a backfill, so that the shuffles reorder many of a two-year history's events. */
    private static final Duration BOUND = Duration.ofDays(30);
    private static final int BOUND_HOURS = 30 * 24;
    private static final List<String> MEMBERS = List.of("a", "b", "c");

    @Provide
    Arbitrary<List<Event>> programs() {
        Arbitrary<List<Event>> links = Combinators.combine(Arbitraries.integers().between(0, LedgerHistories.SPAN_HOURS),
                        Arbitraries.of(MEMBERS), Arbitraries.of(MEMBERS))
                .as(ArrivalOrderPropertiesTest::link).list().ofMaxSize(2);
        return Combinators.combine(member("a"), member("b"), member("c"), links).as((a, b, c, l) -> {
            List<Event> all = new ArrayList<>(a);
            all.addAll(b);
            all.addAll(c);
            for (int i = 0; i < l.size(); i++) {
                Event e = l.get(i);
                all.add(new Event("link" + i, e.type(), e.program(), e.occurredAt(), e.source(), e.identifiers(),
                        e.payload()));
            }
            all.sort(Comparator.comparing(Event::occurredAt).thenComparing(Event::eventId));
            return all;
        });
    }

    @Property(tries = 25)
    void arrivalWithinTheOutOfOrdernessBoundChangesNeitherResolutionNorLedger(
            @ForAll("programs") List<Event> events,
            @ForAll @Size(min = 1, max = 50) List<@IntRange(max = BOUND_HOURS) Integer> delayHours)
            throws Exception {
        List<Duration> none = events.stream().map(e -> Duration.ZERO).toList();
        List<Duration> delays = IntStream.range(0, events.size())
                .mapToObj(i -> Duration.ofHours(delayHours.get(i % delayHours.size()))).toList();
        // most tries must really reorder events (≈ 80 % do; the shrunk edge cases with no delay do not)
        Statistics.label("events overtaken by a later one").collect(overtaken(events, delays) > 0);
        Statistics.label("events overtaken by a later one").coverage(c -> c.check(true).percentage(p -> p > 30));

        List<KeyedJson> inOrder = resolve(events, none);
        List<KeyedJson> shuffled = resolve(events, delays);
        assertThat(json(shuffled)).as("the resolved stream").isEqualTo(json(inOrder));

        LedgerOut expected = ledger(inOrder);
        LedgerOut actual = ledger(shuffled);
        assertThat(actual).isEqualTo(expected);
        assertThat(expected.entries()).isNotEmpty();
        keepsTheSpecInvariants(expected);
    }

    /** How many events arrive after an event that happened later. */
    private static long overtaken(List<Event> events, List<Duration> delays) {
        Instant latestEvent = Instant.MIN;
        long overtaken = 0;
        List<Integer> byArrival = arrivalOrder(events, delays);
        for (int i : byArrival) {
            if (events.get(i).occurredAt().isBefore(latestEvent)) {
                overtaken++;
            }
            latestEvent = latestEvent.isAfter(events.get(i).occurredAt()) ? latestEvent : events.get(i).occurredAt();
        }
        return overtaken;
    }

    private static List<Integer> arrivalOrder(List<Event> events, List<Duration> delays) {
        List<Integer> arrival = new ArrayList<>(IntStream.range(0, events.size()).boxed().toList());
        arrival.sort(Comparator.comparing((Integer i) -> events.get(i).occurredAt().plus(delays.get(i)))
                .thenComparing(i -> i));
        return arrival;
    }

    /** Sends each event when it arrives (occurred_at + its delay), with the bounded out-of-orderness watermark. */
    private static List<KeyedJson> resolve(List<Event> events, List<Duration> delays) throws Exception {
        List<Integer> arrival = arrivalOrder(events, delays);
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ResolveIdentities(Duration.ofDays(7), Duration.ofSeconds(5))),
                RawEvent::program, Types.STRING)) {
            h.open();
            long maxSeen = Long.MIN_VALUE;
            for (int i : arrival) {
                Event e = events.get(i);
                long t = e.occurredAt().toEpochMilli();
                h.processElement(new StreamRecord<>(raw(e, i), t));
                if (t > maxSeen) {
                    maxSeen = t;
                    h.processWatermark(maxSeen - BOUND.toMillis() - 1);
                }
            }
            h.processWatermark(Long.MAX_VALUE);
            return List.copyOf(h.extractOutputValues());
        }
    }

    private record LedgerOut(List<String> entries, List<String> outcomes, List<String> tierChanges,
                             List<String> balances, List<String> deadLetters) {
    }

    /** The ledger job's view: resolved records in order, the watermark just behind each (monotonous timestamps). */
    private static LedgerOut ledger(List<KeyedJson> resolved) throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ApplyLedger()),
                ResolvedRecord::program, Types.STRING)) {
            h.open();
            long watermark = Long.MIN_VALUE;
            for (KeyedJson r : resolved) {
                ResolvedRecord record = ReadResolved.of(r.value());
                h.processElement(new StreamRecord<>(record, record.occurredAtMillis()));
                if (record.occurredAtMillis() - 1 > watermark) {
                    watermark = record.occurredAtMillis() - 1;
                    h.processWatermark(watermark);
                }
            }
            h.processWatermark(LedgerHistories.END.toEpochMilli());
            return new LedgerOut(json(h.extractOutputValues()), side(h, LedgerOutputs.OUTCOMES),
                    side(h, LedgerOutputs.TIER_CHANGES), side(h, LedgerOutputs.BALANCES),
                    h.getSideOutput(LedgerOutputs.DEAD_LETTERS) == null ? List.of()
                            : h.getSideOutput(LedgerOutputs.DEAD_LETTERS).stream()
                            .map(d -> d.getValue().reason() + ":" + d.getValue().position()).toList());
        }
    }

    private static void keepsTheSpecInvariants(LedgerOut out) throws Exception {
        Map<String, Long> sums = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (String entry : out.entries()) {
            JsonNode e = value(entry);
            sums.merge(e.path("member_id").asText(), e.path("points").asLong(), Long::sum);
            assertThat(ids.add(e.path("entry_id").asText())).as("entry %s written once", entry).isTrue();
        }
        Map<String, JsonNode> last = new HashMap<>();
        for (String balance : out.balances()) {
            JsonNode b = value(balance);
            last.put(b.path("member_id").asText(), b);
        }
        sums.forEach((member, sum) -> assertThat(sum).as("Σ entries of %s = available + pending", member)
                .isEqualTo(last.get(member).path("available").asLong() + last.get(member).path("pending").asLong()));
    }

    /** The JSON of a record written as "key value" by {@link #json}. */
    private static JsonNode value(String keyAndValue) throws Exception {
        return EventJson.mapper().readTree(keyAndValue.substring(keyAndValue.indexOf(' ') + 1));
    }

    private static Arbitrary<List<Event>> member(String name) {
        return LedgerHistories.ofOneMember(name, email(name));
    }

    /** A profile update carrying two members' emails: identity resolution merges them (or refuses, by the guards). */
    private static Event link(int hour, String one, String other) {
        return new Event("link", EventType.PROFILE_UPDATED.wireName(), "acme",
                LedgerHistories.START.plus(Duration.ofHours(hour)), "crm",
                new Identifiers(one + "@x.com", null, one.equals(other) ? null : "C-" + other, null, null),
                EventJson.mapper().createObjectNode());
    }

    private static Identifiers email(String member) {
        return new Identifiers(member + "@x.com", null, "C-" + member, null, null);
    }

    private static RawEvent raw(Event e, int offset) {
        return new RawEvent(e.eventId(), e.type(), e.program(), e.occurredAt(), e.source(), e.identifiers(),
                e.payload().toString(), e.occurredAt(), "loyalty.input.test", 0, offset);
    }

    private static List<String> json(List<KeyedJson> records) {
        return records.stream().map(r -> r.key() + " " + new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                .toList();
    }

    private static List<String> side(KeyedOneInputStreamOperatorTestHarness<String, ResolvedRecord, KeyedJson> h,
                                     org.apache.flink.util.OutputTag<KeyedJson> tag) {
        var records = h.getSideOutput(tag);
        return records == null ? List.of() : json(records.stream().map(StreamRecord::getValue).toList());
    }
}
