package loyalty.generator.plan;

import java.util.List;
import loyalty.generator.people.Person;

/** Everything that happens in one program over the period, before it is written as rows and feed lines. */
public record ProgramPlan(String program, List<Person> customers, List<Account> accounts, List<Purchase> purchases,
                          List<Refund> refunds, List<Engagement> engagements, List<Redemption> redemptions,
                          List<RuleSetPublication> ruleSets) {
    public ProgramPlan {
        customers = List.copyOf(customers);
        accounts = List.copyOf(accounts);
        purchases = List.copyOf(purchases);
        refunds = List.copyOf(refunds);
        engagements = List.copyOf(engagements);
        redemptions = List.copyOf(redemptions);
        ruleSets = List.copyOf(ruleSets);
    }
}
