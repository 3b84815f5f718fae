package loyalty.nudge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The record of one trigger after the gates (SPEC §10): delivered ones go to the nudge topic, all of them to
 * {@code ledger.nudges}. The JSON is the contract {@code loyalty/contract/schemas/nudge.schema.json}.
 *
 * @param reason  null when delivered; else {@code not_enrolled}, {@code holdout}, {@code no_consent} or
 *                {@code frequency_cap}
 * @param channel the consented channel, once the consent gate was reached and passed; else null
 * @param holdout whether the member is in the program's holdout group (whatever the nudge's fate)
 * @param context available and tier at the trigger, plus the details of its type
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Nudge(
        @JsonProperty("nudge_id") String nudgeId,
        @JsonProperty("program") String program,
        @JsonProperty("member_id") String memberId,
        @JsonProperty("type") NudgeType type,
        @JsonProperty("status") String status,
        @JsonProperty("reason") String reason,
        @JsonProperty("channel") String channel,
        @JsonProperty("triggered_at") Instant triggeredAt,
        @JsonProperty("source_event_id") String sourceEventId,
        @JsonProperty("rule_version") String ruleVersion,
        @JsonProperty("holdout") boolean holdout,
        @JsonProperty("context") ObjectNode context) {
    public static final String DELIVERED = "DELIVERED";
    public static final String SUPPRESSED = "SUPPRESSED";

    public boolean delivered() {
        return DELIVERED.equals(status);
    }
}
