package loyalty.identity.resolve;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import loyalty.identity.normalize.Blocklist;

/**
 * The identity settings a program has published, in publication order. SPEC §13.18: a rule set applies to events
 * processed after its publication; among those, the greatest {@code effective_from ≤ t} wins, ties to the later
 * publication; with none, the defaults.
 */
public final class RuleBook {
    @JsonProperty("published")
    public List<IdentityRules> published = new ArrayList<>();

    private transient IdentityRules cachedRules;
    private transient Blocklist cachedBlocklist;

    public void publish(IdentityRules rules) {
        published.add(rules);
    }

    public IdentityRules at(Instant t) {
        IdentityRules best = IdentityRules.DEFAULT;
        for (IdentityRules r : published) {
            if (!r.effectiveFrom().isAfter(t) && (best == IdentityRules.DEFAULT
                    || !r.effectiveFrom().isBefore(best.effectiveFrom()))) {
                best = r;
            }
        }
        return best;
    }

    /** The compiled blocklist of {@code rules}, compiled once per rule set in a row. */
    public Blocklist blocklist(IdentityRules rules) {
        if (rules != cachedRules) {
            cachedRules = rules;
            cachedBlocklist = rules.compiledBlocklist();
        }
        return cachedBlocklist;
    }
}
