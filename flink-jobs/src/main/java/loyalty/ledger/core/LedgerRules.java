package loyalty.ledger.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import loyalty.ledger.rules.RuleSet;

/** Where the ledger core gets its rules: the rule set in force at a time, and the campaigns an order matches. */
public interface LedgerRules {

    RuleSet at(Instant t);

    /** Campaigns of {@code rules} active at {@code at} whose conditions hold for this order and member. */
    List<RuleSet.Campaign> campaigns(RuleSet rules, Instant at, Map<String, Object> order,
                                     Map<String, Object> member);
}
