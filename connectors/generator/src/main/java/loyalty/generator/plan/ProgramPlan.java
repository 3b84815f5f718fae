package loyalty.generator.plan;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import loyalty.generator.people.Person;

/**
 * Everything that happens in one program over the period, before it is written as rows and feed lines.
 *
 * @param churnAt the churn truth: person id → the day that customer stops buying (see {@link Churn}), churners
 *                only; the day may lie after the period, while the customer's orders are already thinning out
 */
public record ProgramPlan(String program, List<Person> customers, List<Account> accounts, List<Purchase> purchases,
                          List<Refund> refunds, List<Engagement> engagements, List<Redemption> redemptions,
                          List<RuleSetPublication> ruleSets, Map<String, Instant> churnAt) {
    public ProgramPlan {
        customers = List.copyOf(customers);
        accounts = List.copyOf(accounts);
        purchases = List.copyOf(purchases);
        refunds = List.copyOf(refunds);
        engagements = List.copyOf(engagements);
        redemptions = List.copyOf(redemptions);
        ruleSets = List.copyOf(ruleSets);
        churnAt = Collections.unmodifiableMap(new LinkedHashMap<>(churnAt));
    }
}
