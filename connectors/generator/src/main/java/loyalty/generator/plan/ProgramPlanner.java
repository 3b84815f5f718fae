package loyalty.generator.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import loyalty.generator.GeneratorConfig;
import loyalty.generator.people.Person;
import loyalty.generator.rules.DefaultRuleSet;

/**
 * Plans one program: every person's accounts, orders, returns, engagement and redemptions, plus its rule sets, with
 * the planted {@link Churn} of the customers who drift away.
 */
public final class ProgramPlanner {
    private final PlanContext ctx;

    /**
     * @param sequence a counter shared by all programs of one generation; planning advances it, which is why
     *                 programs must be planned in a fixed order
     */
    public ProgramPlanner(GeneratorConfig config, String program, Seasonality season, long[] sequence) {
        this.ctx = new PlanContext(config, program, season, sequence);
    }

    public ProgramPlan plan(List<Person> customers) {
        Sightings sightings = new Sightings(ctx.program, ctx.season);
        AccountPlanner accountPlanner = new AccountPlanner(ctx);
        PurchasePlanner purchasePlanner = new PurchasePlanner(ctx, sightings);
        EngagementPlanner engagementPlanner = new EngagementPlanner(ctx, sightings);
        List<RuleSetPublication> ruleSets = ruleSets();
        List<Account> accounts = new ArrayList<>();
        List<Purchase> purchases = new ArrayList<>();
        List<Refund> refunds = new ArrayList<>();
        List<Engagement> engagements = new ArrayList<>();
        List<Redemption> redemptions = new ArrayList<>();
        Map<String, Instant> churnAt = new LinkedHashMap<>();
        for (Person p : customers) {
            Churn churn = Churn.of(ctx, p);
            if (churn.churns()) {
                churnAt.put(p.id(), churn.at());
            }
            List<Account> own = accountPlanner.accountsOf(p);
            List<Purchase> bought = purchasePlanner.purchasesOf(p, own, churn);
            accounts.addAll(own);
            purchases.addAll(bought);
            refunds.addAll(purchasePlanner.refundsOf(p, own, bought));
            engagements.addAll(engagementPlanner.engagementsOf(p, own, bought, churn));
            redemptions.addAll(engagementPlanner.redemptionsOf(p, own, bought, churn));
        }
        accounts.addAll(accountPlanner.testAccounts());
        accountPlanner.assignReferrals(accounts);
        return new ProgramPlan(ctx.program, customers, accounts, purchases, refunds, engagements, redemptions,
                ruleSets, churnAt);
    }

    /**
     * Version 1 is published the day before the period and takes effect at its start; version 2 is published
     * halfway and takes effect a week later, with campaigns running for 30 days.
     */
    private List<RuleSetPublication> ruleSets() {
        Instant start = ctx.season.periodStart();
        Instant v1Published = start.minus(Duration.ofDays(1)).plus(Duration.ofHours(9));
        RuleSetPublication v1 = new RuleSetPublication(ctx.program, "1", v1Published, start,
                DefaultRuleSet.first(ctx.program, start));
        Instant v2Published = start.plus(Duration.ofDays(ctx.season.days() / 2)).plus(Duration.ofHours(9));
        Instant v2Effective = v2Published.plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.DAYS);
        RuleSetPublication v2 = new RuleSetPublication(ctx.program, "2", v2Published, v2Effective,
                DefaultRuleSet.revision(v1.body(), v2Effective, v2Effective.plus(Duration.ofDays(30))));
        return List.of(v1, v2);
    }
}
