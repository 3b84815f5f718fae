package loyalty.lakehouse.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import loyalty.lakehouse.maintenance.TimeSlices.Period;
import loyalty.lakehouse.maintenance.TimeSlices.Slice;
import loyalty.lakehouse.maintenance.TimeSlices.Unit;
import org.junit.jupiter.api.Test;

class TimeSlicesTest {
    private static final long JAN_5_2026 = LocalDate.of(2026, 1, 5).toEpochDay();

    @Test
    void daysOfSixteenBucketsGoSixToASliceUnderAHundredPartitions() {
        List<Period> days = java.util.stream.LongStream.range(0, 14).mapToObj(d -> new Period(JAN_5_2026 + d, 16))
                .toList();

        List<Slice> slices = TimeSlices.slice(Unit.DAY, days, 100);

        assertThat(slices).containsExactly(
                new Slice(Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-11T00:00:00Z"), 96),
                new Slice(Instant.parse("2026-01-11T00:00:00Z"), Instant.parse("2026-01-17T00:00:00Z"), 96),
                new Slice(Instant.parse("2026-01-17T00:00:00Z"), Instant.parse("2026-01-19T00:00:00Z"), 32));
    }

    @Test
    void aGapBetweenPeriodsStaysInsideASliceAndAnOversizedPeriodIsASliceOfItsOwn() {
        List<Slice> slices = TimeSlices.slice(Unit.DAY, List.of(new Period(JAN_5_2026, 3),
                new Period(JAN_5_2026 + 10, 4), new Period(JAN_5_2026 + 11, 9), new Period(JAN_5_2026 + 12, 2)), 8);

        assertThat(slices).containsExactly(
                new Slice(Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-16T00:00:00Z"), 7),
                new Slice(Instant.parse("2026-01-16T00:00:00Z"), Instant.parse("2026-01-17T00:00:00Z"), 9),
                new Slice(Instant.parse("2026-01-17T00:00:00Z"), Instant.parse("2026-01-18T00:00:00Z"), 2));
    }

    @Test
    void monthHourAndYearPeriodsCountFrom1970LikeIceberg() {
        // Iceberg's month(2026-02-...) is (2026 - 1970) * 12 + 1
        assertThat(TimeSlices.slice(Unit.MONTH, List.of(new Period(56 * 12 + 1, 5)), 100)).containsExactly(
                new Slice(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"), 5));
        assertThat(TimeSlices.slice(Unit.HOUR, List.of(new Period(24, 1)), 100)).containsExactly(
                new Slice(Instant.parse("1970-01-02T00:00:00Z"), Instant.parse("1970-01-02T01:00:00Z"), 1));
        assertThat(TimeSlices.slice(Unit.YEAR, List.of(new Period(56, 1)), 100)).containsExactly(
                new Slice(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), 1));
        assertThat(Unit.DAY.fieldName("occurred_at")).isEqualTo("occurred_at_day");
    }

    @Test
    void periodsOutOfOrderAndAnEmptyLimitAreRefused() {
        assertThatThrownBy(() -> TimeSlices.slice(Unit.DAY, List.of(new Period(2, 1), new Period(1, 1)), 10))
                .hasMessageContaining("ascend");
        assertThatThrownBy(() -> TimeSlices.slice(Unit.DAY, List.of(), 0)).hasMessageContaining("at least one");
        assertThat(TimeSlices.slice(Unit.DAY, List.of(), 10)).isEmpty();
    }
}
