package loyalty.generator.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import loyalty.generator.people.Person;
import loyalty.generator.people.Plant;
import loyalty.generator.people.Population;
import loyalty.generator.random.Draw;

/**
 * Orders and returns. Each person orders at their own lognormal rate, on days drawn by season and at hours typical
 * of the channel; order values are lognormal around the person's basket size. A share of completed orders comes
 * back: mostly linked to the order, refunding all or part of it, some without a receipt.
 */
final class PurchasePlanner {
    private final PlanContext ctx;
    private final Sightings sightings;

    PurchasePlanner(PlanContext ctx, Sightings sightings) {
        this.ctx = ctx;
        this.sightings = sightings;
    }

    List<Purchase> purchasesOf(Person p, List<Account> accounts, Churn churn) {
        Draw d = ctx.draw("purchases", p);
        Draw fading = ctx.draw("churn-orders", p);
        Seasonality season = ctx.season;
        Account primary = accounts.isEmpty() ? null : accounts.get(0);
        Instant signup = primary == null ? null : primary.createdAt();
        int fromDay;
        if (primary != null) {
            // Some card holders shopped with an anonymous card before they registered it with the CRM.
            Instant first = p.card() != null && d.chance(0.25) ? signup.minus(Duration.ofDays(d.between(1, 30)))
                    : signup;
            fromDay = season.dayOf(first.isBefore(season.periodStart()) ? season.periodStart() : first);
        } else {
            fromDay = d.between(0, season.days() / 4);
        }
        List<Purchase> purchases = new ArrayList<>();
        if (fromDay >= season.days()) {
            return purchases;
        }
        int count = d.poisson(p.traits().ordersPerDay() * season.weight(fromDay, season.days()));
        double[] channels = {p.traits().storeWeight(), p.traits().webWeight(), p.traits().appWeight()};
        for (int i = 0; i < count; i++) {
            int day = season.drawDay(d, fromDay, season.days());
            Channel channel = Channel.values()[d.weighted(channels)];
            Instant at = season.drawTime(d, day, channel, p.country());
            if (!churn.orders(at, fading)) {
                continue;
            }
            boolean beforeSignup = signup != null && at.isBefore(signup);
            if (beforeSignup) {
                channel = Channel.STORE;
            }
            Account account = accountAt(accounts, at, d);
            Sighting seen = switch (channel) {
                case STORE -> sightings.store(p, beforeSignup, d);
                case WEB -> p.has(Plant.THREE_ACCOUNT_CHAIN) && d.chance(0.5) ? sightings.chainGuest(p, d)
                        : sightings.webOrder(p, account, at, d);
                case APP -> sightings.appOrder(p, account, at, d);
            };
            if (seen != null) {
                purchases.add(purchase(p, channel, at, seen, d));
            }
        }
        if (p.has(Plant.THREE_ACCOUNT_CHAIN) && primary != null) {
            purchases.addAll(chainLinks(p, primary, d));
        }
        return purchases;
    }

    /**
     * The events that connect the chain: a guest web order (email two + phone), a till sale with the card and the
     * phone, and an app order with the login and email two. Nothing ever shows the login with the card.
     */
    private List<Purchase> chainLinks(Person p, Account account, Draw d) {
        Seasonality season = ctx.season;
        List<Purchase> links = new ArrayList<>();
        Instant guest = season.drawTime(d, season.drawDay(d, 0, season.days()), Channel.WEB, p.country());
        links.add(purchase(p, Channel.WEB, guest, sightings.chainGuest(p, d), d));
        Instant till = season.drawTime(d, season.drawDay(d, 0, season.days()), Channel.STORE, p.country());
        links.add(purchase(p, Channel.STORE, till, Sighting.of(null, null, p.phone().render(d, false),
                p.card().render(d), null), d));
        Instant app = season.between(d, account.createdAt(), season.periodEnd());
        if (app != null) {
            links.add(purchase(p, Channel.APP, app, Sighting.of(account, p.secondEmail().render(d), null, null,
                    sightings.device(p, app)), d));
        }
        return links;
    }

    private Purchase purchase(Person p, Channel channel, Instant at, Sighting seen, Draw d) {
        double value = Math.max(1.0, Math.min(20_000.0, d.logNormal(p.traits().basketMedian(), 0.5)));
        BigDecimal amount = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
        return new Purchase(p, ctx.program, ctx.next(), channel, steps(channel, at, d), amount, categories(p, d),
                seen);
    }

    /** Store and app sales complete on the spot; web orders are placed, maybe paid, then completed or cancelled. */
    private List<StatusStep> steps(Channel channel, Instant placed, Draw d) {
        List<StatusStep> steps = new ArrayList<>();
        if (channel != Channel.WEB) {
            steps.add(new StatusStep(StatusStep.COMPLETED, placed));
            return steps;
        }
        double fate = d.uniform();
        if (fate < 0.04) {
            steps.add(new StatusStep(StatusStep.COMPLETED, placed));
            return steps;
        }
        steps.add(new StatusStep(StatusStep.PLACED, placed));
        if (fate < 0.10) {
            addIfInPeriod(steps, StatusStep.CANCELLED,
                    PlanContext.after(d, placed, Duration.ofMinutes(10), Duration.ofHours(36)));
            return steps;
        }
        if (d.chance(0.3) && !addIfInPeriod(steps, StatusStep.PAID,
                PlanContext.after(d, placed, Duration.ofMinutes(5), Duration.ofMinutes(60)))) {
            return steps;
        }
        Instant last = steps.get(steps.size() - 1).at();
        addIfInPeriod(steps, StatusStep.COMPLETED, PlanContext.after(d, last, Duration.ofHours(2), Duration.ofHours(96)));
        return steps;
    }

    private boolean addIfInPeriod(List<StatusStep> steps, String status, Instant at) {
        if (!ctx.season.inPeriod(at)) {
            return false;
        }
        steps.add(new StatusStep(status, at));
        return true;
    }

    private static List<String> categories(Person p, Draw d) {
        int count = 1 + (d.chance(0.35) ? 1 : 0) + (d.chance(0.1) ? 1 : 0);
        List<String> chosen = new ArrayList<>(count);
        for (int attempt = 0; chosen.size() < count && attempt < 10; attempt++) {
            String category = d.chance(0.75) ? d.pick(p.traits().categories()) : d.pick(Population.CATEGORIES);
            if (!chosen.contains(category)) {
                chosen.add(category);
            }
        }
        return chosen;
    }

    /** The login used at {@code at}: the newest account sometimes, once a duplicate exists, else the first. */
    static Account accountAt(List<Account> accounts, Instant at, Draw d) {
        Account chosen = null;
        for (Account a : accounts) {
            if (!a.createdAt().isAfter(at) && (chosen == null || d.chance(0.25))) {
                chosen = a;
            }
        }
        return chosen;
    }

    /** Returns of completed orders: {@code returnRate} of them, within 30 days and within the period. */
    List<Refund> refundsOf(Person p, List<Account> accounts, List<Purchase> purchases) {
        Draw d = ctx.draw("refunds", p);
        List<Refund> refunds = new ArrayList<>();
        for (Purchase purchase : purchases) {
            if (!purchase.completed() || !d.chance(ctx.config.returnRate())) {
                continue;
            }
            Instant at = ctx.season.between(d, purchase.completedAt().plus(Duration.ofHours(1)),
                    purchase.completedAt().plus(Duration.ofDays(30)));
            if (at == null) {
                continue;
            }
            boolean linked = d.chance(0.85);
            BigDecimal amount = purchase.amount();
            if (d.chance(0.45)) {
                BigDecimal part = amount.multiply(BigDecimal.valueOf(0.2 + 0.7 * d.uniform()))
                        .setScale(2, RoundingMode.DOWN);
                amount = part.compareTo(BigDecimal.ONE) < 0 ? amount : part;
            }
            refunds.add(new Refund(purchase, ctx.next(), at, amount, linked, refundSighting(p, accounts, purchase,
                    linked, at, d)));
        }
        return refunds;
    }

    /**
     * A linked return carries what the receipt carried; without a receipt the till takes a card or phone and the
     * returns desk the login or an email.
     */
    private Sighting refundSighting(Person p, List<Account> accounts, Purchase purchase, boolean linked, Instant at,
                                    Draw d) {
        Sighting receipt = purchase.sighting();
        if (purchase.channel() == Channel.STORE) {
            if (linked || (p.card() == null && p.phone() == null)) {
                return receipt;
            }
            return p.card() != null && !p.has(Plant.THREE_ACCOUNT_CHAIN)
                    ? Sighting.of(null, null, null, p.card().render(d), null)
                    : receipt;
        }
        if (linked) {
            return Sighting.of(receipt.account(), receipt.email(), receipt.phone(), null, null);
        }
        Account account = accountAt(accounts, at, d);
        if (account != null && receipt.account() != null) {
            return Sighting.of(account, null, null, null, null);
        }
        return receipt.email() != null ? Sighting.of(null, receipt.email(), null, null, null)
                : Sighting.of(receipt.account(), null, null, null, null);
    }
}
