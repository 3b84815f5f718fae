package loyalty.generator.plan;

import java.time.Duration;
import java.time.Instant;
import loyalty.generator.people.Person;
import loyalty.generator.random.Draw;

/**
 * The planted churn signal, so a churn model has something real to learn. A share of each program's customers
 * drift away: their engagement (reviews, shares, surveys) lapses first, then their orders thin out over the months
 * before they stop buying at {@link #at()}, and they ask for no more rewards. Everybody else keeps their own rate.
 * Churn days fall up to {@link #LATEST_AFTER_PERIOD} past the period, so some churners are still in decline when
 * the data ends, as a real extract's would be.
 *
 * @param at the day the customer stops buying, or null for a customer who stays
 */
public record Churn(Instant at) {
    /** Share of customers that churn: a retail program loses roughly a fifth to a third of its base a year. */
    public static final double SHARE = 0.25;
    /** Orders thin out over this span before the churn day. */
    public static final Duration ORDER_DECLINE = Duration.ofDays(120);
    /** Engagement is gone this long before the churn day: the first sign. */
    public static final Duration ENGAGEMENT_LAPSE = Duration.ofDays(60);
    static final Duration ENGAGEMENT_DECLINE = Duration.ofDays(150);
    static final Duration EARLIEST = Duration.ofDays(60);
    static final Duration LATEST_AFTER_PERIOD = Duration.ofDays(240);
    /** The share of a declining customer's orders still placed just before the churn day. */
    private static final double LAST_ORDERS = 0.25;

    public static final Churn NONE = new Churn(null);

    /**
     * Drawn from its own stream, so planting churn leaves every other customer's data as it was. People who carry
     * an identity-mess plant never churn: their planted events must all happen.
     */
    static Churn of(PlanContext ctx, Person p) {
        Draw d = ctx.draw("churn", p);
        if (!d.chance(SHARE) || !p.plants().isEmpty()) {
            return NONE;
        }
        Instant earliest = ctx.season.periodStart().plus(EARLIEST);
        Instant latest = ctx.season.periodEnd().plus(LATEST_AFTER_PERIOD);
        long span = Duration.between(earliest, latest).toSeconds();
        return new Churn(earliest.plusSeconds(d.below(Math.max(1, span))));
    }

    public boolean churns() {
        return at != null;
    }

    /** Whether an order planned at {@code when} still happens: full rate, then a linear decline, then none. */
    boolean orders(Instant when, Draw d) {
        return keep(when, at == null ? null : at.minus(ORDER_DECLINE), at, 1.0, LAST_ORDERS, d);
    }

    /** Whether a customer who bought at {@code when} still engages with the program afterwards. */
    boolean engages(Instant when, Draw d) {
        return keep(when, at == null ? null : at.minus(ENGAGEMENT_DECLINE), at == null ? null
                : at.minus(ENGAGEMENT_LAPSE), 1.0, 0.0, d);
    }

    /** Whether a reward request at {@code when} is still made: not once the customer has gone. */
    boolean redeems(Instant when) {
        return at == null || when.isBefore(at);
    }

    private static boolean keep(Instant when, Instant declineFrom, Instant stop, double full, double last, Draw d) {
        if (stop == null || when.isBefore(declineFrom)) {
            return true;
        }
        if (!when.isBefore(stop)) {
            return false;
        }
        double progress = (double) Duration.between(declineFrom, when).toSeconds()
                / Duration.between(declineFrom, stop).toSeconds();
        return d.chance(full + (last - full) * progress);
    }
}
