package loyalty.generator.plan;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import loyalty.generator.people.Country;
import loyalty.generator.random.Draw;

/**
 * When people shop: a weekly rhythm (Saturday peak), a yearly one (January sales, a February lull, the run-up to
 * Christmas with Black Friday) and per-channel hours of the day in the shopper's local time.
 */
public final class Seasonality {
    /** Monday first. */
    private static final double[] WEEKLY = {0.85, 0.85, 0.9, 0.95, 1.1, 1.35, 1.0};
    /** January first. */
    private static final double[] MONTHLY = {1.0, 0.8, 0.9, 0.95, 1.0, 0.95, 0.9, 0.95, 0.9, 1.0, 1.25, 1.5};
    private static final double[] STORE_HOURS = hours(new int[] {9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20},
            new double[] {3, 5, 7, 9, 8, 6, 6, 7, 9, 9, 6, 3});
    private static final double[] WEB_HOURS = {1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3, 3.5, 4, 4, 5, 4.5, 4, 4, 4,
            4.5, 5, 6, 7, 7, 5, 2.5};
    private static final double[] APP_HOURS = {1.5, 0.8, 0.4, 0.2, 0.2, 0.4, 1.5, 3, 3.5, 2.5, 2.5, 3, 4.5, 3.5,
            3, 3, 3.5, 4.5, 5.5, 6.5, 8, 8, 6.5, 3.5};

    private final int days;
    private final Instant periodStart;
    private final Instant periodEnd;
    private final double[] cumulative;

    public Seasonality(LocalDate start, int days) {
        this.days = days;
        this.periodStart = start.atStartOfDay(ZoneOffset.UTC).toInstant();
        this.periodEnd = start.plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
        this.cumulative = new double[days + 1];
        for (int d = 0; d < days; d++) {
            cumulative[d + 1] = cumulative[d] + weight(start.plusDays(d));
        }
    }

    public static double weight(LocalDate day) {
        double w = WEEKLY[day.getDayOfWeek().getValue() - 1] * MONTHLY[day.getMonthValue() - 1];
        LocalDate thanksgiving = LocalDate.of(day.getYear(), Month.NOVEMBER, 1)
                .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY));
        if (day.equals(thanksgiving.plusDays(1))) {
            w *= 2.5;
        } else if (day.equals(thanksgiving.plusDays(4))) {
            w *= 1.6;
        }
        if (day.getMonth() == Month.JANUARY && day.getDayOfMonth() >= 2 && day.getDayOfMonth() <= 10) {
            w *= 1.3;
        }
        if (day.getMonth() == Month.DECEMBER && (day.getDayOfMonth() == 25 || day.getDayOfMonth() == 26)) {
            w *= 0.3;
        }
        if (day.getMonth() == Month.JANUARY && day.getDayOfMonth() == 1) {
            w *= 0.4;
        }
        return w;
    }

    public int days() {
        return days;
    }

    public Instant periodStart() {
        return periodStart;
    }

    public Instant periodEnd() {
        return periodEnd;
    }

    /** Index of the day that holds {@code at}, clamped to the period. */
    public int dayOf(Instant at) {
        long d = (at.getEpochSecond() - periodStart.getEpochSecond()) / 86_400;
        return (int) Math.max(0, Math.min(days, d));
    }

    /** Total seasonal weight of days {@code [from, to)}: the expected number of average days in that window. */
    public double weight(int from, int to) {
        return cumulative[Math.min(to, days)] - cumulative[Math.max(0, from)];
    }

    /** A day in {@code [from, to)} drawn in proportion to its seasonal weight. */
    public int drawDay(Draw draw, int from, int to) {
        double target = cumulative[from] + draw.uniform() * (cumulative[to] - cumulative[from]);
        int lo = from;
        int hi = to - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (cumulative[mid] <= target) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** A moment on day {@code day} at an hour typical of the channel in the shopper's local time. */
    public Instant drawTime(Draw draw, int day, Channel channel, Country country) {
        double[] hours = switch (channel) {
            case STORE -> STORE_HOURS;
            case WEB -> WEB_HOURS;
            case APP -> APP_HOURS;
        };
        int hour = draw.weighted(hours);
        long seconds = (long) day * 86_400 + hour * 3_600L + draw.between(0, 3_599)
                - country.utcOffsetHours() * 3_600L;
        return clamp(periodStart.plusSeconds(seconds));
    }

    /** A moment drawn uniformly in {@code [from, to)}, or null when the window is empty. */
    public Instant between(Draw draw, Instant from, Instant to) {
        Instant end = to.isAfter(periodEnd) ? periodEnd : to;
        long span = end.getEpochSecond() - from.getEpochSecond();
        if (span <= 0) {
            return null;
        }
        return from.plusSeconds(draw.below(span));
    }

    public boolean inPeriod(Instant at) {
        return at != null && !at.isBefore(periodStart) && at.isBefore(periodEnd);
    }

    private Instant clamp(Instant at) {
        if (at.isBefore(periodStart)) {
            return periodStart.plusSeconds(Math.floorMod(at.getEpochSecond(), 1_800));
        }
        if (!at.isBefore(periodEnd)) {
            return periodEnd.minusSeconds(1 + Math.floorMod(at.getEpochSecond(), 1_800));
        }
        return at;
    }

    private static double[] hours(int[] open, double[] weights) {
        double[] out = new double[24];
        for (int i = 0; i < open.length; i++) {
            out[open[i]] = weights[i];
        }
        return out;
    }
}
