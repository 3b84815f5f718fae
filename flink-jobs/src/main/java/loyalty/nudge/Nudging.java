package loyalty.nudge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.ledger.core.Balance;
import loyalty.ledger.core.LedgerRules;
import loyalty.ledger.core.LedgerStep;
import loyalty.ledger.core.MemberLedger;

/**
 * The nudges of one ledger step of one member: consent from the event, then {@link Triggers}, then {@link Gates}
 * for each trigger in time order. Plain Java: the Flink operator, a replay and the tests call the same code.
 */
public final class Nudging {
    private Nudging() {
    }

    /**
     * @param before  {@link LedgerBefore#of} taken before the step
     * @param event   the event of the step, or null for a timer, a merge or a referral credit
     * @param stepKey see {@link Triggers#of}
     */
    public static List<Nudge> step(MemberNudges state, LedgerBefore before, MemberLedger after, Event event,
                                   LedgerStep step, Instant at, String stepKey, LedgerRules rules) {
        state.enrolled = state.enrolled || after.enrolledAt != null;
        if (event != null && (event.eventType() == EventType.MEMBER_ENROLLED
                || event.eventType() == EventType.PROFILE_UPDATED)) {
            state.consent(event.payload().get("consent"), event.occurredAt());
        }
        if (MemberNudges.MERGED.equals(state.status)) {
            return List.of(); // merged away: its history and lots live on the survivor, and so do its nudges
        }
        List<Nudge> nudges = new ArrayList<>();
        for (NudgeTrigger trigger : Triggers.of(before, after, event, step, at, stepKey, rules, state)) {
            Balance balance = after.balance(latest(trigger.at(), after.clock));
            ObjectNode context = EventJson.mapper().createObjectNode();
            context.put("available", balance.available());
            context.put("tier", balance.tier());
            context.setAll(trigger.context());
            nudges.add(Gates.decide(trigger, after.program, state, rules.at(trigger.at()), context));
        }
        return nudges;
    }

    private static Instant latest(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}
