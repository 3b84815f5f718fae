package loyalty.nudge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One trigger, before the gates decide whether it is delivered.
 *
 * @param sourceKey     what makes the trigger unique for its member and type (an event id, an expiry date, a year…):
 *                      the nudge id is {@code type:member_id:source_key}, so a replay gives the same ids
 * @param sourceEventId the input event behind it, or null for a purely time-driven trigger
 * @param context       type-specific details for the message (the gates add available and tier)
 */
public record NudgeTrigger(NudgeType type, String memberId, Instant at, String sourceKey, String sourceEventId,
                           ObjectNode context) {

    public String nudgeId() {
        return type + ":" + memberId + ":" + sourceKey;
    }
}
