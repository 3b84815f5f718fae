package loyalty.ledger.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule sets one program has published, in publication order, for the ledger (the identity job keeps its own
 * book of identity settings). SPEC §13.18: a rule set applies to events processed after its publication, so the
 * book holds only what has been published so far; among those the greatest {@code effective_from ≤ t} wins, ties to
 * the later publication; with none, the defaults.
 *
 * <p>Kept in Flink state either as a Java-serialisable object or as JSON ({@code {"published": [...]}}, with
 * {@code EventJson.mapper()}). Not thread-safe.
 */
public final class RuleBook implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<RuleSet> published;

    public RuleBook() {
        this.published = new ArrayList<>();
    }

    @JsonCreator
    public RuleBook(@JsonProperty("published") List<RuleSet> published) {
        this.published = new ArrayList<>();
        if (published != null) {
            published.forEach(this::publish);
        }
    }

    /** Adds a validated rule set as the latest publication. */
    public void publish(RuleSet rules) {
        published.add(RuleSets.frozen(rules));
    }

    /**
     * Reads a {@code rules.published} payload's rule set and adds it when valid; an invalid one changes nothing, so
     * the previous rules stay in force (SPEC §9).
     */
    public RuleSets.Parsed publish(JsonNode ruleSet, Instant effectiveFrom) {
        RuleSets.Parsed parsed = RuleSets.parse(ruleSet, effectiveFrom);
        if (parsed instanceof RuleSets.Parsed.Valid valid) {
            publish(valid.rules());
        }
        return parsed;
    }

    /** The rule set in force for an event at {@code t}. */
    public RuleSet at(Instant t) {
        RuleSet best = null;
        for (RuleSet r : published) {
            // `!isBefore` rather than `isAfter`: on equal effective_from the later publication wins.
            if (!r.effectiveFrom().isAfter(t) && (best == null || !r.effectiveFrom().isBefore(best.effectiveFrom()))) {
                best = r;
            }
        }
        return best == null ? RuleSets.defaults() : best;
    }

    @JsonProperty("published")
    public List<RuleSet> published() {
        return List.copyOf(published);
    }
}
