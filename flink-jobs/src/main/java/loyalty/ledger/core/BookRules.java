package loyalty.ledger.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import loyalty.ledger.rules.CampaignConditions;
import loyalty.ledger.rules.RuleBook;
import loyalty.ledger.rules.RuleSet;

/** {@link LedgerRules} from a program's published rule sets, with campaign conditions evaluated by CEL. */
public final class BookRules implements LedgerRules {
    private final RuleBook book;
    private final CampaignConditions conditions;

    public BookRules(RuleBook book, CampaignConditions conditions) {
        this.book = book;
        this.conditions = conditions;
    }

    @Override
    public RuleSet at(Instant t) {
        return book.at(t);
    }

    @Override
    public List<RuleSet.Campaign> campaigns(RuleSet rules, Instant at, Map<String, Object> order,
                                            Map<String, Object> member) {
        return conditions.matching(rules, at, order, member);
    }
}
