package loyalty.ml.clv;

import java.util.Locale;

/**
 * The unit in which recency, age and the prediction horizons are counted. Transactions are always grouped by day;
 * a week is 7 days, so weekly recency and age are fractional (as in the papers' CDNOW data and in lifetimes with
 * {@code freq='D', freq_multiplier=7}), not floored to calendar weeks. The parameters scale with the unit: alpha in
 * weeks is alpha in days divided by 7, r, a and b stay the same.
 */
public enum TimeScale {
    DAY(1, 30.0),
    // lifetimes' month for weekly models (customer_lifetime_value's factor), so that our CLV matches theirs
    WEEK(7, 4.345);

    private final int daysPerUnit;
    private final double unitsPerMonth;

    TimeScale(int daysPerUnit, double unitsPerMonth) {
        this.daysPerUnit = daysPerUnit;
        this.unitsPerMonth = unitsPerMonth;
    }

    /** {@code days} in this unit. */
    public double of(long days) {
        return days / (double) daysPerUnit;
    }

    /** The month of the CLV horizon in this unit: 30 days, or 4.345 weeks (lifetimes' factors). */
    public double unitsPerMonth() {
        return unitsPerMonth;
    }

    /** "day" or "week", any case. */
    public static TimeScale parse(String name) {
        for (TimeScale scale : values()) {
            if (scale.label().equalsIgnoreCase(name.strip())) {
                return scale;
            }
        }
        throw new IllegalArgumentException("unknown time unit '" + name + "': use day or week");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
