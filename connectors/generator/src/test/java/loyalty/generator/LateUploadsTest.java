package loyalty.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import loyalty.generator.feed.FeedLine;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.plan.ProgramPlan;
import loyalty.generator.plan.Purchase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tills that were offline upload a few sales hours late: the line sits where a line of sale time + delay would be,
 * with occurred_at still the sale time, and the manifest names the case.
 */
class LateUploadsTest {
    private static final Duration MIN_DELAY = Duration.ofHours(2);
    private static final Duration MAX_DELAY = Duration.ofHours(48);
    private static final String SALE = "order.completed";

    private final GeneratedProgram program = Generated.standard();

    @Test
    void aboutHalfAPercentOfTheStoreSalesAreUploadedLateAndNothingElse() {
        List<FeedLine> pos = program.feed(FeedSource.POS);
        long sales = pos.stream().filter(l -> l.kind() == FeedLine.Kind.VALID && l.type().equals(SALE)).count();
        List<FeedLine> late = lateSales(pos);

        assertThat(late).isNotEmpty();
        assertThat((double) late.size() / sales).as("%d of %d sales", late.size(), sales).isBetween(0.004, 0.006);
        assertThat(pos).filteredOn(FeedLine::uploadedLate).allMatch(l -> l.type().equals(SALE));
        for (FeedSource other : List.of(FeedSource.WEB, FeedSource.APP)) {
            assertThat(program.feed(other)).noneMatch(FeedLine::uploadedLate);
        }
    }

    @Test
    void eachLateSaleSitsWhereALineOfItsUploadTimeWouldBeAndKeepsItsSaleTime() {
        List<FeedLine> pos = program.feed(FeedSource.POS);
        Map<String, Instant> soldAt = saleTimes(program);
        List<FeedLine> late = lateSales(pos);
        for (FeedLine line : late) {
            Duration delay = line.uploadDelay();
            Instant uploadedAt = line.occurredAt().plus(delay);
            int at = (int) line.lineNumber() - 1;
            Instant before = neighbourOnTime(pos, at, -1).occurredAt();
            FeedLine after = neighbourOnTime(pos, at, +1);

            assertThat(delay).as(line.eventId()).isBetween(MIN_DELAY, MAX_DELAY);
            assertThat(Duration.between(line.occurredAt(), before)).as("%s is out of order by 2 h or more", line.text())
                    .isGreaterThanOrEqualTo(MIN_DELAY);
            assertThat(before).as(line.eventId()).isBeforeOrEqualTo(uploadedAt);
            if (after != null) {
                assertThat(after.occurredAt()).as(line.eventId()).isAfter(uploadedAt);
            }
            String orderId = Generated.json(line).at("/payload/order_id").asText();
            assertThat(Instant.parse(Generated.json(line).get("occurred_at").asText()))
                    .isEqualTo(soldAt.get(orderId)).isEqualTo(line.occurredAt());
        }
    }

    @Test
    void theManifestNamesTheLateUploadsWithTheirDelays() {
        List<FeedLine> late = lateSales(program.feed(FeedSource.POS));
        @SuppressWarnings("unchecked")
        Map<String, Object> scenario = (Map<String, Object>) program.manifest().scenarios().get("late_uploads");
        Map<String, Long> expectedDelays = new LinkedHashMap<>();
        late.stream().limit(50).forEach(l -> expectedDelays.put(l.eventId(), l.uploadDelay().toMinutes()));

        assertThat(scenario).isNotNull();
        assertThat(((Number) scenario.get("count")).longValue()).isEqualTo(late.size());
        assertThat(scenario.get("event_ids")).isEqualTo(List.copyOf(expectedDelays.keySet()));
        assertThat(scenario.get("delay_minutes")).isEqualTo(expectedDelays);
        assertThat(((Number) scenario.get("min_delay_minutes")).longValue()).isGreaterThanOrEqualTo(120);
        assertThat(((Number) scenario.get("max_delay_minutes")).longValue()).isLessThanOrEqualTo(48 * 60);
    }

    @ParameterizedTest(name = "[{index}] {0} customers over {1} days")
    @CsvSource({"60, 180", "150, 180", "40, 1500"})
    void everyDataSetWithFiftyStoreSalesHasAtLeastOne(int customers, int days) {
        GeneratedProgram small = Generated.of(GeneratorConfig.defaults(11).withCustomers(customers)
                .withPeriod(GeneratorConfig.DEFAULT_START, days));
        List<FeedLine> pos = small.feed(FeedSource.POS);
        long sales = pos.stream().filter(l -> l.kind() == FeedLine.Kind.VALID && l.type().equals(SALE)).count();

        assertThat(sales).as("the data set is big enough for the case").isGreaterThanOrEqualTo(50);
        assertThat(lateSales(pos)).as("%d sales", sales).isNotEmpty();
    }

    @Test
    void aDataSetWithFewerThanFiftyStoreSalesHasNone() {
        GeneratedProgram tiny = Generated.of(GeneratorConfig.defaults(11).withCustomers(2).withPeriod(
                GeneratorConfig.DEFAULT_START, 30));
        List<FeedLine> pos = tiny.feed(FeedSource.POS);

        assertThat(pos.stream().filter(l -> l.kind() == FeedLine.Kind.VALID && l.type().equals(SALE)).count())
                .isLessThan(50);
        assertThat(lateSales(pos)).isEmpty();
    }

    private static List<FeedLine> lateSales(List<FeedLine> feed) {
        List<FeedLine> out = new ArrayList<>();
        for (FeedLine line : feed) {
            if (line.kind() == FeedLine.Kind.VALID && line.uploadedLate()) {
                out.add(line);
            }
        }
        return out;
    }

    /** The nearest line in {@code direction} that is a first delivery sent on time, or null at the file's end. */
    private static FeedLine neighbourOnTime(List<FeedLine> feed, int from, int direction) {
        for (int i = from + direction; i >= 0 && i < feed.size(); i += direction) {
            FeedLine line = feed.get(i);
            if (line.kind() != FeedLine.Kind.REDELIVERY && !line.uploadedLate()) {
                return line;
            }
        }
        return null;
    }

    private static Map<String, Instant> saleTimes(GeneratedProgram program) {
        Map<String, Instant> out = new HashMap<>();
        for (ProgramPlan plan : program.plans()) {
            for (Purchase p : plan.purchases()) {
                if (p.completed()) {
                    out.put(p.orderId(), p.completedAt());
                }
            }
        }
        return out;
    }
}
