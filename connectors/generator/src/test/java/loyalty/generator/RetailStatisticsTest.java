package loyalty.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import loyalty.generator.feed.FeedLine;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.operational.OperationalChange;
import loyalty.generator.operational.OrderRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The data looks like retail: returns, a heavy spend tail, weekly and yearly seasons, three channels. */
class RetailStatisticsTest {
    private static final List<Order> ORDERS = new ArrayList<>();
    private static long returns;

    private record Order(String person, Instant at, BigDecimal amount, String channel) {
    }

    /** Completed orders and returns as the pipeline will see them: valid feed lines plus CDC's completions. */
    @BeforeAll
    static void collect() {
        GeneratedProgram program = Generated.standard();
        for (FeedSource source : FeedSource.values()) {
            for (FeedLine line : program.feed(source)) {
                if (line.kind() != FeedLine.Kind.VALID) {
                    continue;
                }
                if (line.type().equals("order.completed")) {
                    JsonNode payload = Generated.json(line).get("payload");
                    ORDERS.add(new Order(line.personId(), line.occurredAt(),
                            new BigDecimal(payload.get("net_amount").asText()), payload.get("channel").asText()));
                } else if (line.type().equals("order.returned")) {
                    returns++;
                }
            }
        }
        for (OperationalChange change : program.operationalChanges()) {
            change.expectedEvent().ifPresent(type -> {
                if (change.after() instanceof OrderRow o) {
                    ORDERS.add(new Order(change.personId(), o.completedAt(), o.netAmount(), o.channel()));
                } else if (type.wireName().equals("order.returned")) {
                    returns++;
                }
            });
        }
    }

    @Test
    void aboutEightPercentOfOrdersAreReturned() {
        double rate = (double) returns / ORDERS.size();
        assertThat(ORDERS.size()).isGreaterThan(3_000);
        assertThat(rate).isBetween(0.06, 0.10);
    }

    @Test
    void spendIsHeavyTailedTheTopTenthOfCustomersBringAtLeastAThirdOfRevenue() {
        Map<String, BigDecimal> byPerson = new HashMap<>();
        ORDERS.forEach(o -> byPerson.merge(o.person(), o.amount(), BigDecimal::add));
        List<BigDecimal> spend = byPerson.values().stream().sorted((a, b) -> b.compareTo(a)).toList();
        BigDecimal total = spend.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal top = spend.subList(0, spend.size() / 10).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(top.doubleValue() / total.doubleValue()).isGreaterThanOrEqualTo(0.35);
        BigDecimal median = spend.get(spend.size() / 2);
        BigDecimal mean = total.divide(BigDecimal.valueOf(spend.size()), java.math.RoundingMode.HALF_UP);
        assertThat(mean).isGreaterThan(median.multiply(BigDecimal.valueOf(1.3)));
    }

    @Test
    void weekendsOutsellEarlyWeekdaysAndMaySellsMorePerDayThanFebruary() {
        Map<DayOfWeek, Integer> byDay = new EnumMap<>(DayOfWeek.class);
        Map<Month, Integer> byMonth = new EnumMap<>(Month.class);
        for (Order o : ORDERS) {
            var local = o.at().atOffset(ZoneOffset.ofHours(-5));
            byDay.merge(local.getDayOfWeek(), 1, Integer::sum);
            byMonth.merge(o.at().atOffset(ZoneOffset.UTC).getMonth(), 1, Integer::sum);
        }
        int weekend = byDay.get(DayOfWeek.FRIDAY) + byDay.get(DayOfWeek.SATURDAY);
        int earlyWeek = byDay.get(DayOfWeek.MONDAY) + byDay.get(DayOfWeek.TUESDAY);
        assertThat((double) weekend / earlyWeek).isGreaterThan(1.2);
        double mayPerDay = byMonth.get(Month.MAY) / 31.0;
        double februaryPerDay = byMonth.get(Month.FEBRUARY) / 28.0;
        assertThat(mayPerDay / februaryPerDay).isGreaterThan(1.1);
    }

    @Test
    void everyChannelSellsAndOrdersFallInThePeriod() {
        Map<String, Integer> byChannel = new HashMap<>();
        ORDERS.forEach(o -> byChannel.merge(o.channel(), 1, Integer::sum));
        assertThat(byChannel).containsOnlyKeys("store", "web", "app");
        byChannel.values().forEach(n -> assertThat(n).isGreaterThan(ORDERS.size() / 10));
        GeneratorConfig config = Generated.DEFAULT;
        assertThat(ORDERS).allSatisfy(o -> assertThat(o.at())
                .isBetween(config.periodStart(), config.periodEnd().minusSeconds(1)));
        assertThat(ORDERS).allSatisfy(o -> assertThat(o.amount().scale()).isEqualTo(2));
    }
}
