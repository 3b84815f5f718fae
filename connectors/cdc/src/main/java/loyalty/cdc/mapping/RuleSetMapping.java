package loyalty.cdc.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.RulesPublished;
import loyalty.contract.validation.RejectReason;

/**
 * Loyalty admin: a new rule-set row is {@code rules.published}; an update of its body or effective_from is a
 * revision, published again with the LSN in the id. The row's program, version and effective_from columns fill
 * those keys of the rule set when the body leaves them out (the body wins when it has them). A delete does not
 * unpublish anything: publish a new version instead.
 */
final class RuleSetMapping implements TableMapping {
    static final String TABLE = "loyalty_rule_sets";

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public MappingResult map(RowChange change) {
        return switch (change.kind()) {
            case DELETE -> new MappingResult.Skip("rule-set delete does not unpublish");
            case SNAPSHOT, INSERT -> {
                Row row = change.afterRow();
                yield publish(change, EventIds.rulesPublished(row.requiredText("program"),
                        row.requiredText("version")));
            }
            case UPDATE -> revise(change);
        };
    }

    private MappingResult revise(RowChange change) {
        Row before = change.beforeRow();
        Row after = change.afterRow();
        if (before == null) {
            return new MappingResult.Reject(RejectReason.UNMAPPABLE_CHANGE,
                    "loyalty_rule_sets update without a before-image: set REPLICA IDENTITY FULL on loyalty_rule_sets");
        }
        boolean revised = !body(before).equals(body(after)) || !before.sameAs(after, "effective_from");
        if (!revised) {
            return new MappingResult.Skip("rule-set update changed neither body nor effective_from");
        }
        return publish(change, EventIds.rulesRevised(after.requiredText("program"), after.requiredText("version"),
                change.lsn()));
    }

    private static MappingResult publish(RowChange change, String eventId) {
        Row row = change.afterRow();
        String program = row.requiredText("program");
        Instant effectiveFrom = row.requiredInstant("effective_from");
        ObjectNode ruleSet = body(row).deepCopy();
        if (!ruleSet.hasNonNull("program")) {
            ruleSet.put("program", program);
        }
        if (!ruleSet.hasNonNull("version")) {
            ruleSet.put("version", row.requiredText("version"));
        }
        if (!ruleSet.hasNonNull("effective_from")) {
            ruleSet.put("effective_from", effectiveFrom.toString());
        }
        return new MappingResult.Emit(Event.of(eventId, EventType.RULES_PUBLISHED, program,
                ChangeTime.of(change, "published_at"), ChangeMapper.SOURCE, null,
                new RulesPublished(ruleSet, effectiveFrom)));
    }

    private static ObjectNode body(Row row) {
        String json = row.requiredText("body");
        JsonNode tree;
        try {
            tree = EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UnmappableChangeException(RejectReason.INVALID_JSON,
                    "loyalty_rule_sets.body is not JSON: " + e.getOriginalMessage());
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new UnmappableChangeException(RejectReason.NOT_AN_OBJECT,
                    "loyalty_rule_sets.body is not a JSON object");
        }
        return object;
    }
}
