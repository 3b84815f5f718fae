package loyalty.ledger.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import java.util.EnumSet;
import loyalty.contract.event.EventJson;

/**
 * What a rule set publication changed, as an RFC 6902 JSON Patch from the previous rule set to the new one, both as
 * the ledger reads them (every key filled from the defaults), so a key a publication leaves out but whose default
 * differs from the previous value shows up as the change it is.
 *
 * <p>Only {@code add}, {@code remove} and {@code replace}: a {@code move} or {@code copy} is shorter but hides the
 * value at the destination from a reader. A {@code replace} also carries the value it replaced as
 * {@code fromValue} and a {@code remove} the value removed: an auditor asks "from what to what", and RFC 6902
 * §4 lets a patch operation carry members it does not define.
 */
public final class RuleSetDiff {
    private static final EnumSet<DiffFlags> FLAGS = EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION,
            DiffFlags.OMIT_COPY_OPERATION, DiffFlags.ADD_ORIGINAL_VALUE_ON_REPLACE);

    private RuleSetDiff() {
    }

    /** The patch from {@code previous} to {@code next}; from {@code {}} (every key an {@code add}) when null. */
    public static ArrayNode between(RuleSet previous, RuleSet next) {
        return between(previous == null ? EventJson.mapper().createObjectNode() : tree(previous), tree(next));
    }

    public static ArrayNode between(JsonNode previous, JsonNode next) {
        return (ArrayNode) JsonDiff.asJson(previous, next, FLAGS);
    }

    private static JsonNode tree(RuleSet rules) {
        return EventJson.mapper().valueToTree(rules);
    }
}
