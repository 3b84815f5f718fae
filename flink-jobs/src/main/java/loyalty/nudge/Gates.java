package loyalty.nudge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import loyalty.ledger.rules.RuleSet;

/**
 * SPEC §10 gates, in order: enrolled and ACTIVE ({@code not_enrolled}); holdout ({@code holdout}); consent — the
 * first channel of {@code channels} the member consented to ({@code no_consent}); frequency cap — at most
 * {@code max} delivered marketing nudges in {@code (t − window_days, t]} ({@code frequency_cap}).
 * REDEMPTION_CONFIRMED is transactional: it skips holdout and cap and does not count toward the cap (§13.14).
 */
public final class Gates {
    public static final String NOT_ENROLLED = "not_enrolled";
    public static final String HOLDOUT = "holdout";
    public static final String NO_CONSENT = "no_consent";
    public static final String FREQUENCY_CAP = "frequency_cap";

    private Gates() {
    }

    /** Decides one trigger; a delivered marketing nudge is recorded in {@code state} for the cap. */
    public static Nudge decide(NudgeTrigger trigger, String program, MemberNudges state, RuleSet rules,
                               ObjectNode context) {
        NudgeSettings settings = rules.nudges();
        boolean heldOut = Holdout.heldOut(program, trigger.memberId(), settings.holdoutShare());
        boolean marketing = trigger.type().marketing();
        String reason = null;
        String channel = null;
        if (!state.enrolled || !MemberNudges.ACTIVE.equals(state.status)) {
            reason = NOT_ENROLLED;
        } else if (marketing && heldOut) {
            reason = HOLDOUT;
        } else {
            channel = settings.channels().stream().filter(state::consented).findFirst().orElse(null);
            if (channel == null) {
                reason = NO_CONSENT;
            } else if (marketing) {
                Duration window = Duration.ofDays(settings.frequencyCap().windowDays());
                if (state.deliveredIn(trigger.at(), window) >= settings.frequencyCap().max()) {
                    reason = FREQUENCY_CAP;
                } else {
                    state.recordDelivery(trigger.at(), window);
                }
            }
        }
        return new Nudge(trigger.nudgeId(), program, trigger.memberId(), trigger.type(),
                reason == null ? Nudge.DELIVERED : Nudge.SUPPRESSED, reason, channel, trigger.at(),
                trigger.sourceEventId(), rules.version(), heldOut, context);
    }
}
