package loyalty.ledger.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Random member histories for property tests (jqwik): an enrolment near the start most of the time, then about two
 * years of orders (exact decimal amounts, a few large enough for the caps), linked and unlinked returns, redemptions
 * and cancellations (ids drawn from small pools, so repeats happen), engagements, adjustments of either sign and
 * birth-date changes — long enough for availability, debt, expiry, yearly tier reviews and birthdays. Order, return
 * and redemption ids are drawn from small pools on purpose: repeated ids are part of every history.
 *
 * <p>Public because the operator-level properties in {@code loyalty.flink.ledger} draw the same histories.
 */
public final class LedgerHistories {
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    public static final int SPAN_HOURS = 2 * 365 * 24;
    /** By then every lot of a history has expired (at most 14 + 365 days after the last event). */
    public static final Instant END = START.plus(Duration.ofDays(4 * 365));

    private LedgerHistories() {
    }

    /** One planned event: when (hours after {@link #START}), what, and its payload. */
    record Planned(int hour, EventType type, ObjectNode payload) {
    }

    /**
     * One member's events in SPEC §1 order {@code (occurred_at, event_id)}; ids are {@code prefix} + a three-digit
     * sequence in that order, order/return/redemption ids carry the prefix too, so members never share them.
     */
    public static Arbitrary<List<Event>> ofOneMember(String prefix, Identifiers ids) {
        Arbitrary<Planned> enrolment = Combinators.combine(Arbitraries.integers().between(0, 10 * 24), birthDates())
                .as((hour, birth) -> new Planned(hour, EventType.MEMBER_ENROLLED, birthDate(birth)));
        Arbitrary<List<Planned>> rest = planned(prefix).list().ofMinSize(5).ofMaxSize(50)
                .withSizeDistribution(RandomDistribution.uniform())
                .map(groups -> groups.stream().flatMap(List::stream).toList());
        return Combinators.combine(enrolment.injectNull(0.05), rest).as((enrol, more) -> {
            List<Planned> all = new ArrayList<>(more);
            if (enrol != null) {
                all.add(0, enrol);
            }
            return events(prefix, ids, all);
        });
    }

    private static List<Event> events(String prefix, Identifiers ids, List<Planned> planned) {
        List<Planned> sorted = new ArrayList<>(planned);
        sorted.sort(Comparator.comparingInt(Planned::hour)); // stable: the enrolment stays first at its hour
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Planned p = sorted.get(i);
            events.add(new Event(prefix + String.format("%03d", i), p.type().wireName(), "acme",
                    START.plus(Duration.ofHours(p.hour())), "pos", ids, p.payload().deepCopy()));
        }
        return events;
    }

    /** Mostly one event; sometimes a redemption and, days later, its cancellation. */
    private static Arbitrary<List<Planned>> planned(String prefix) {
        Arbitrary<Integer> hour = Arbitraries.integers().between(0, SPAN_HOURS);
        Arbitrary<Integer> orderNo = Arbitraries.integers().between(1, 20);
        Arbitrary<Integer> returnNo = Arbitraries.integers().between(1, 10);
        Arbitrary<Integer> redemptionNo = Arbitraries.integers().between(1, 8);
        Arbitrary<Planned> order = Combinators.combine(hour, orderNo, amounts())
                .as((h, n, amount) -> new Planned(h, EventType.ORDER_COMPLETED, payload()
                        .put("order_id", prefix + "O" + n).put("net_amount", amount.toPlainString())
                        .put("currency", "USD").put("channel", "web")));
        Arbitrary<Planned> linkedReturn = Combinators.combine(hour, returnNo, orderNo, refunds())
                .as((h, r, n, refund) -> new Planned(h, EventType.ORDER_RETURNED, payload()
                        .put("return_id", prefix + "X" + r).put("order_id", prefix + "O" + n)
                        .put("refund_amount", refund.toPlainString())));
        Arbitrary<Planned> unlinkedReturn = Combinators.combine(hour, returnNo, refunds())
                .as((h, r, refund) -> new Planned(h, EventType.ORDER_RETURNED, payload()
                        .put("return_id", prefix + "X" + r).put("refund_amount", refund.toPlainString())));
        Arbitrary<Long> redeemPoints = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.longs().between(1, 300)),
                Tuple.of(4, Arbitraries.longs().between(300, 1_500)), Tuple.of(1, Arbitraries.just(0L)));
        Arbitrary<Planned> redemption = Combinators.combine(hour, redemptionNo, redeemPoints)
                .as((h, r, points) -> new Planned(h, EventType.REDEMPTION_REQUESTED, payload()
                        .put("redemption_id", prefix + "R" + r).put("points", points).put("reward_id", "gift")));
        Arbitrary<Planned> cancellation = Combinators.combine(hour, redemptionNo)
                .as((h, r) -> new Planned(h, EventType.REDEMPTION_CANCELLED, payload()
                        .put("redemption_id", prefix + "R" + r)));
        Arbitrary<Planned> engagement = Combinators.combine(hour,
                        Arbitraries.of("review", "review", "review", "social_share", "survey", "poll"))
                .as((h, kind) -> new Planned(h, EventType.ENGAGEMENT_RECORDED, payload().put("kind", kind)));
        Arbitrary<Planned> adjustment = Combinators.combine(hour,
                        Arbitraries.longs().between(-800, 800).filter(p -> p != 0))
                .as((h, points) -> new Planned(h, EventType.POINTS_ADJUSTED, payload().put("points", points)
                        .put("reason", "goodwill").put("operator", "ops")));
        Arbitrary<Planned> newBirthDate = Combinators.combine(hour, birthDates())
                .as((h, birth) -> new Planned(h, EventType.PROFILE_UPDATED, birthDate(birth)));
        Arbitrary<Planned> secondEnrolment = hour.map(h -> new Planned(h, EventType.MEMBER_ENROLLED, payload()));
        Arbitrary<List<Planned>> redeemThenCancel = Combinators.combine(redemption,
                        Arbitraries.integers().between(0, 24 * 400))
                .as((request, later) -> List.of(request, new Planned(request.hour() + later,
                        EventType.REDEMPTION_CANCELLED, payload().put("redemption_id",
                        request.payload().path("redemption_id").asText()))));
        return Arbitraries.frequencyOf(
                Tuple.of(30, order.map(List::of)), Tuple.of(8, linkedReturn.map(List::of)),
                Tuple.of(3, unlinkedReturn.map(List::of)), Tuple.of(12, redemption.map(List::of)),
                Tuple.of(4, cancellation.map(List::of)), Tuple.of(10, redeemThenCancel),
                Tuple.of(12, engagement.map(List::of)), Tuple.of(4, adjustment.map(List::of)),
                Tuple.of(2, newBirthDate.map(List::of)), Tuple.of(1, secondEnrolment.map(List::of)));
    }

    /** Most orders are everyday amounts; some are big enough for the tier thresholds and the per-order cap. */
    private static Arbitrary<BigDecimal> amounts() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("600.00"))
                        .ofScale(2)),
                Tuple.of(1, Arbitraries.bigDecimals().between(new BigDecimal("600.00"), new BigDecimal("12000.00"))
                        .ofScale(2)));
    }

    private static Arbitrary<BigDecimal> refunds() {
        return Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("1500.00")).ofScale(2);
    }

    /** Any day from 1960 to 2005, and 29 February (paid on the 28th in other years) more often than by chance. */
    private static Arbitrary<LocalDate> birthDates() {
        return Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.longs().between(LocalDate.of(1960, 1, 1).toEpochDay(),
                        LocalDate.of(2005, 12, 31).toEpochDay()).map(LocalDate::ofEpochDay)),
                Tuple.of(1, Arbitraries.just(LocalDate.of(1992, 2, 29))));
    }

    private static ObjectNode birthDate(LocalDate date) {
        return payload().put("birth_date", date.toString()).put("country", "US");
    }

    private static ObjectNode payload() {
        return EventJson.mapper().createObjectNode();
    }
}
