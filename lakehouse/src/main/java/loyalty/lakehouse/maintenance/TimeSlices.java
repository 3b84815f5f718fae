package loyalty.lakehouse.maintenance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a table partitioned by a time transform into consecutive slices of whole partition periods, each holding at
 * most a given number of partitions. Trino writes each partition through a writer of its own and refuses a statement
 * that would open more than {@code iceberg.max-partitions-per-writer} of them, so a statement that rewrites a whole
 * table (optimize) fails once the table has more partitions than that: a ledger partitioned by day and 16 member
 * buckets passes 100 after a week. Slice boundaries fall on period boundaries, so Trino can hand a slice's
 * {@code WHERE} to Iceberg as a partition filter, which optimize requires.
 */
public final class TimeSlices {
    private TimeSlices() {
    }

    /** A time transform of a column, as Trino prints it in a table's {@code partitioning} property. */
    public enum Unit {
        YEAR, MONTH, DAY, HOUR;

        /** The start of period {@code n}, counted from 1970 the way Iceberg stores the transform's value. */
        Instant start(long n) {
            return switch (this) {
                case YEAR -> LocalDate.EPOCH.plusYears(n).atStartOfDay(ZoneOffset.UTC).toInstant();
                case MONTH -> LocalDate.EPOCH.plusMonths(n).atStartOfDay(ZoneOffset.UTC).toInstant();
                case DAY -> LocalDate.EPOCH.plusDays(n).atStartOfDay(ZoneOffset.UTC).toInstant();
                case HOUR -> Instant.EPOCH.plusSeconds(3600 * n);
            };
        }

        /** The name Iceberg gives the partition field of this transform of {@code column}. */
        String fieldName(String column) {
            return column + "_" + name().toLowerCase(Locale.ROOT);
        }
    }

    /** The partitions of one period: period {@code n} of the unit, and how many partitions it has. */
    public record Period(long n, long partitions) {
    }

    /** The half-open time range {@code [from, to)} of one slice and the partitions it covers. */
    public record Slice(Instant from, Instant to, long partitions) {
    }

    /**
     * @param periods the table's non-empty periods in ascending order
     * @param limit   the most partitions a slice may hold; a period that alone exceeds it becomes a slice of its own
     */
    public static List<Slice> slice(Unit unit, List<Period> periods, long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a slice holds at least one partition: " + limit);
        }
        List<Slice> slices = new ArrayList<>();
        Period first = null;
        Period last = null;
        long partitions = 0;
        for (Period period : periods) {
            if (last != null && period.n() <= last.n()) {
                throw new IllegalArgumentException("periods must ascend: " + last.n() + " then " + period.n());
            }
            if (first != null && partitions + period.partitions() > limit) {
                slices.add(new Slice(unit.start(first.n()), unit.start(last.n() + 1), partitions));
                first = null;
                partitions = 0;
            }
            if (first == null) {
                first = period;
            }
            last = period;
            partitions += period.partitions();
        }
        if (first != null) {
            slices.add(new Slice(unit.start(first.n()), unit.start(last.n() + 1), partitions));
        }
        return slices;
    }
}
