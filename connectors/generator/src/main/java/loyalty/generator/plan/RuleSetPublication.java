package loyalty.generator.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A {@code loyalty_rule_sets} row: the rule set JSON of SPEC §9 and when it was published and takes effect. */
public record RuleSetPublication(String program, String version, Instant publishedAt, Instant effectiveFrom,
                                 ObjectNode body) {
}
