package loyalty.generator.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import loyalty.generator.people.Person;
import loyalty.generator.people.Plant;
import loyalty.generator.random.Draw;

/**
 * Reviews, shares and surveys that follow purchases, and reward requests from the app. Requests are sized against
 * an estimate of the member's points (base rate, no tiers or campaigns): most fit, some ask for more than the
 * member has, a few are sent twice by the app or cancelled afterwards.
 */
final class EngagementPlanner {
    /** Reward catalogue: id and price in points, cheapest first. */
    private static final String[] REWARDS = {"rw-coffee", "rw-tote", "rw-5off", "rw-10off", "rw-25off"};
    private static final long[] PRICES = {150, 300, 500, 1_000, 2_500};
    private static final long WELCOME = 100;
    private static final Duration PENDING = Duration.ofDays(14);

    private final PlanContext ctx;
    private final Sightings sightings;

    EngagementPlanner(PlanContext ctx, Sightings sightings) {
        this.ctx = ctx;
        this.sightings = sightings;
    }

    List<Engagement> engagementsOf(Person p, List<Account> accounts, List<Purchase> purchases, Churn churn) {
        Draw d = ctx.draw("engagement", p);
        Draw fading = ctx.draw("churn-engagement", p);
        List<Engagement> out = new ArrayList<>();
        for (Purchase purchase : purchases) {
            if (!purchase.completed()) {
                continue;
            }
            Instant done = purchase.completedAt();
            if (!churn.engages(done, fading)) {
                continue;
            }
            if (d.chance(0.15)) {
                add(out, p, accounts, Engagement.REVIEW, PlanContext.after(d, done, Duration.ofDays(2),
                        Duration.ofDays(20)), purchase.channel() == Channel.APP, d);
            }
            if (d.chance(0.06)) {
                add(out, p, accounts, Engagement.SOCIAL_SHARE, PlanContext.after(d, done, Duration.ofMinutes(5),
                        Duration.ofDays(2)), purchase.channel() == Channel.APP, d);
            }
            if (d.chance(0.08)) {
                Instant at = PlanContext.after(d, done, Duration.ofDays(1), Duration.ofDays(5));
                Sighting seen = sightings.survey(p, d);
                if (seen != null && ctx.season.inPeriod(at)) {
                    out.add(new Engagement(p, ctx.program, ctx.next(), Channel.WEB, Engagement.SURVEY, at, seen));
                }
            }
        }
        if (p.has(Plant.REVIEW_ENTHUSIAST)) {
            // Eight reviews inside one month: three more than the monthly cap pays for.
            Instant from = ctx.season.between(d, ctx.season.periodStart(), ctx.season.periodEnd()
                    .minus(Duration.ofDays(31)));
            from = from == null ? ctx.season.periodStart() : from;
            Instant firstLogin = accounts.isEmpty() ? from : accounts.get(0).createdAt();
            from = from.isBefore(firstLogin) ? firstLogin : from;
            for (int i = 0; i < 8; i++) {
                add(out, p, accounts, Engagement.REVIEW, PlanContext.after(d, from, Duration.ZERO, Duration.ofDays(25)),
                        false, d);
            }
        }
        return out;
    }

    private void add(List<Engagement> out, Person p, List<Account> accounts, String kind, Instant at,
                     boolean preferApp, Draw d) {
        if (!ctx.season.inPeriod(at)) {
            return;
        }
        Account account = PurchasePlanner.accountAt(accounts, at, d);
        boolean app = p.usesApp() && account != null && (preferApp || d.chance(0.4));
        Sighting seen = app ? sightings.appEngagement(p, account, at, d) : sightings.webEngagement(p, account, d);
        if (seen != null) {
            out.add(new Engagement(p, ctx.program, ctx.next(), app ? Channel.APP : Channel.WEB, kind, at, seen));
        }
    }

    /**
     * Reward requests of app users. Enrolled members ask after their first week; a few account holders who never
     * joined ask too (their requests must be rejected as not enrolled).
     */
    List<Redemption> redemptionsOf(Person p, List<Account> accounts, List<Purchase> purchases, Churn churn) {
        List<Redemption> out = new ArrayList<>();
        if (!p.usesApp() || accounts.isEmpty()) {
            return out;
        }
        Draw d = ctx.draw("redemptions", p);
        Account account = accounts.get(0);
        Instant enrolled = account.enrolledAt();
        long completed = purchases.stream().filter(Purchase::completed).count();
        List<Instant> times = new ArrayList<>();
        if (enrolled != null) {
            int attempts = d.poisson(0.5 + 0.08 * completed);
            for (int i = 0; i < attempts; i++) {
                Instant at = ctx.season.between(d, enrolled.plus(Duration.ofDays(7)), ctx.season.periodEnd());
                if (at != null && churn.redeems(at)) {
                    times.add(at);
                }
            }
        } else if (d.chance(0.4)) {
            Instant at = ctx.season.between(d, account.createdAt().plus(Duration.ofDays(1)), ctx.season.periodEnd());
            if (at != null) {
                times.add(at);
            }
        }
        times.sort(Comparator.naturalOrder());
        long spent = 0;
        for (Instant at : times) {
            long available = enrolled == null ? 0 : estimate(purchases, enrolled, at) - spent;
            int reward;
            if (available >= PRICES[0] && d.chance(0.85)) {
                int affordable = 0;
                while (affordable + 1 < PRICES.length && PRICES[affordable + 1] <= available) {
                    affordable++;
                }
                reward = d.between(0, affordable);
                spent += PRICES[reward];
            } else if (available >= PRICES[0] || d.chance(0.12)) {
                // Asks for the cheapest reward it cannot afford: the app shows it, the ledger must refuse it.
                reward = 0;
                while (reward + 1 < PRICES.length && PRICES[reward] <= available) {
                    reward++;
                }
            } else {
                continue;
            }
            Instant retry = d.chance(0.03) ? at.plusSeconds(d.between(1, 30)) : null;
            Instant cancel = d.chance(0.06) ? PlanContext.after(d, at, Duration.ofHours(1), Duration.ofDays(3)) : null;
            Sighting seen = Sighting.of(account, null, null, null, sightings.device(p, at));
            out.add(new Redemption(p, ctx.program, ctx.next(), at, PRICES[reward],
                    REWARDS[reward], Math.max(0, available), seen, retry,
                    ctx.season.inPeriod(cancel) ? cancel : null));
        }
        return out;
    }

    /** Welcome bonus plus one point per whole currency unit of orders completed since enrollment and out of pending. */
    private static long estimate(List<Purchase> purchases, Instant enrolled, Instant at) {
        long points = WELCOME;
        for (Purchase purchase : purchases) {
            Instant done = purchase.completedAt();
            if (done != null && !done.isBefore(enrolled) && !done.plus(PENDING).isAfter(at)) {
                points += purchase.amount().longValue();
            }
        }
        return points;
    }
}
