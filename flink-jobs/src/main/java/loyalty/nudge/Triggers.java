package loyalty.nudge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.ledger.core.EntryType;
import loyalty.ledger.core.LedgerEntry;
import loyalty.ledger.core.LedgerRules;
import loyalty.ledger.core.LedgerStep;
import loyalty.ledger.core.MemberLedger;
import loyalty.ledger.core.NudgeDue;
import loyalty.ledger.core.RedemptionOutcome;
import loyalty.ledger.core.TierChange;
import loyalty.ledger.rules.RuleSet;

/**
 * The nudge triggers of one ledger step (SPEC §10, §13.13–14), from the member's ledger before and after it, the
 * event (null for a timer or a merge) and what the step did. The repeat limits (NEAR_TIER, CHURN_RISK) are applied
 * here, against {@link MemberNudges}, because they count triggers whatever the gates then decide.
 */
public final class Triggers {
    private static final String CHURN_MODEL = "churn";

    private Triggers() {
    }

    /**
     * @param at      the step's time: the event's, the timer's or the merge's
     * @param stepKey what identifies the step for this member: the event id, the merge id, {@code due@<instant>}
     */
    public static List<NudgeTrigger> of(LedgerBefore before, MemberLedger after, Event event, LedgerStep step,
                                        Instant at, String stepKey, LedgerRules rules, MemberNudges state) {
        List<NudgeTrigger> out = new ArrayList<>();
        String member = after.memberId;
        for (NudgeDue due : step.nudgesDue()) {
            out.add(due.kind() == NudgeDue.Kind.EXPIRY_REMINDER
                    ? new NudgeTrigger(NudgeType.POINTS_EXPIRING, member, due.at(), due.expiresOn().toString(), null,
                    context().put("points_expiring", due.points()).put("expiring_on", due.expiresOn().toString()))
                    : new NudgeTrigger(NudgeType.LAPSE_RISK, member, due.at(), due.lastOrder().eventId,
                    due.lastOrder().eventId, context().put("last_order_at", due.lastOrder().occurredAt.toString())));
        }
        for (LedgerEntry e : step.entries()) {
            if (e.type() == EntryType.BONUS && "birthday".equals(e.note())) {
                // one birthday bonus per calendar year (SPEC §13.12), so the year identifies it
                String year = String.valueOf(e.occurredAt().atOffset(java.time.ZoneOffset.UTC).getYear());
                out.add(new NudgeTrigger(NudgeType.BIRTHDAY, member, e.occurredAt(), year, null,
                        context().put("points", e.points())));
            }
        }
        for (TierChange c : step.tierChanges()) {
            RuleSet rs = rules.at(c.achievedAt());
            // At a merge, a tier the loser already held keeps its achieved_at: that person had the upgrade nudge
            // then. Only a tier the combined spend earns (achieved at the merge) is news.
            boolean heldBefore = "merge".equals(c.cause()) && !c.achievedAt().equals(at);
            if (c.fromTier() != null && !"enrollment".equals(c.cause()) && !heldBefore
                    && rs.rank(c.toTier()) > rs.rank(c.fromTier())) {
                out.add(new NudgeTrigger(NudgeType.TIER_UPGRADE, member, c.achievedAt(),
                        c.sourceEventId() + ":" + c.toTier(),
                        event == null ? null : event.eventId(),
                        context().put("from_tier", c.fromTier()).put("to_tier", c.toTier())));
            }
        }
        if (event != null) {
            fromEvent(before, after, event, step, rules, state, out);
        }
        for (RedemptionOutcome o : step.outcomes()) {
            if (RedemptionOutcome.APPROVED.equals(o.status()) && o.repeatOf() == null) {
                out.add(new NudgeTrigger(NudgeType.REDEMPTION_CONFIRMED, member, o.decidedAt(), o.redemptionId(),
                        o.eventId(), context().put("redemption_id", o.redemptionId()).put("points", o.points())));
            }
        }
        rewardUnlocked(before, after, at, stepKey, event, rules, out);
        out.sort(Comparator.comparing(NudgeTrigger::at)); // stable: same-instant triggers keep the order above
        return out;
    }

    private static void fromEvent(LedgerBefore before, MemberLedger after, Event event, LedgerStep step,
                                  LedgerRules rules, MemberNudges state, List<NudgeTrigger> out) {
        Instant t = event.occurredAt();
        NudgeSettings settings = rules.at(t).nudges();
        String member = after.memberId;
        if (event.eventType() == EventType.MEMBER_ENROLLED && !before.enrolled() && after.enrolledAt != null) {
            out.add(new NudgeTrigger(NudgeType.WELCOME, member, t, event.eventId(), event.eventId(), context()));
        }
        if (event.eventType() == EventType.ORDER_COMPLETED && step.deadLetterReason() == null) {
            nearTier(after, event, rules.at(t), settings, state, out);
        }
        if (event.eventType() == EventType.ML_SCORED
                && CHURN_MODEL.equals(event.payload().path("model").asText())) {
            BigDecimal score = new BigDecimal(event.payload().path("score").asText("0"));
            if (score.compareTo(settings.churnScore()) >= 0
                    && state.allow(NudgeType.CHURN_RISK.name(), t, Duration.ofDays(settings.churnRepeatDays()))) {
                out.add(new NudgeTrigger(NudgeType.CHURN_RISK, member, t, event.eventId(), event.eventId(),
                        context().put("score", score.toPlainString())
                                .put("model_version", event.payload().path("model_version").asText(null))));
            }
        }
    }

    /** After an order, not top tier: the spend still needed for the next tier is > 0 and ≤ its share of it. */
    private static void nearTier(MemberLedger after, Event event, RuleSet rs, NudgeSettings settings,
                                 MemberNudges state, List<NudgeTrigger> out) {
        if (after.enrolledAt == null || after.tier == null) {
            return; // a profile that is not enrolled has no tier to be near the next of (SPEC §13.7)
        }
        int rank = rs.rank(after.tier);
        if (rank < 0 || rank + 1 >= rs.tiers().size()) {
            return;
        }
        Instant t = event.occurredAt();
        RuleSet.Tier target = rs.tiers().get(rank + 1);
        BigDecimal needed = target.qualifyingSpend().subtract(after.qualifyingSpend(t, rs));
        if (needed.signum() <= 0 || needed.compareTo(target.qualifyingSpend().multiply(settings.nearTierShare())) > 0) {
            return;
        }
        if (state.allow(NudgeType.NEAR_TIER.name() + ":" + target.name(), t,
                Duration.ofDays(settings.nearTierRepeatDays()))) {
            out.add(new NudgeTrigger(NudgeType.NEAR_TIER, member(after), t, event.eventId() + ":" + target.name(),
                    event.eventId(), context().put("target_tier", target.name())
                    .put("spend_needed", needed.toPlainString())));
        }
    }

    /** SPEC §13.13: on the step's net change of available, one nudge for the highest threshold crossed upward. */
    private static void rewardUnlocked(LedgerBefore before, MemberLedger after, Instant at, String stepKey,
                                       Event event, LedgerRules rules, List<NudgeTrigger> out) {
        Instant t = latest(at, after.clock);
        long now = after.balance(t).available();
        Long crossed = null;
        for (long threshold : rules.at(t).nudges().rewardThresholds()) {
            if (before.available() < threshold && now >= threshold && (crossed == null || threshold > crossed)) {
                crossed = threshold;
            }
        }
        if (crossed != null) {
            out.add(new NudgeTrigger(NudgeType.REWARD_UNLOCKED, member(after), at, stepKey + ":" + crossed,
                    event == null ? null : event.eventId(), context().put("reward_threshold", crossed)));
        }
    }

    private static String member(MemberLedger ledger) {
        return ledger.memberId;
    }

    private static Instant latest(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    private static ObjectNode context() {
        return EventJson.mapper().createObjectNode();
    }
}
