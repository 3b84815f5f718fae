package loyalty.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Payload of {@code rules.published}: the rule set (SPEC §9) is validated by the ledger, not here. */
public record RulesPublished(
        @JsonProperty("rule_set") ObjectNode ruleSet,
        @JsonProperty("effective_from") Instant effectiveFrom) {
}
