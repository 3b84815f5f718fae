package loyalty.nudge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.ledger.core.LedgerRules;
import loyalty.ledger.core.LedgerStep;
import loyalty.ledger.core.MemberLedger;
import loyalty.ledger.rules.RuleSet;
import loyalty.ledger.rules.RuleSets;

/**
 * One member's ledger and nudge state driven by SPEC-style scripts, as the ledger operator drives them: each event
 * or passage of time is a step, and every nudge record it yields is collected. Times are noon UTC unless given.
 */
final class NudgeScript {
    /** The default rule set without a holdout, so that the tests of triggers do not depend on a member's hash. */
    static final RuleSet NO_HOLDOUT = rules("{\"version\":\"t\",\"nudges\":{\"holdout_share\":\"0\"}}");

    final MemberLedger ledger;
    final MemberNudges state;
    final List<Nudge> nudges = new ArrayList<>();
    final LedgerRules rules;
    private int seq;

    NudgeScript(String memberId) {
        this(memberId, NO_HOLDOUT);
    }

    NudgeScript(String memberId, RuleSet rs) {
        this.ledger = new MemberLedger("acme", memberId);
        this.state = new MemberNudges("acme", memberId);
        this.rules = rulesOf(rs);
    }

    static RuleSet rules(String json) {
        try {
            RuleSets.Parsed parsed = RuleSets.parse(EventJson.mapper().readTree(json));
            return ((RuleSets.Parsed.Valid) parsed).rules();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static LedgerRules rulesOf(RuleSet rs) {
        return new LedgerRules() {
            @Override
            public RuleSet at(Instant t) {
                return rs;
            }

            @Override
            public List<RuleSet.Campaign> campaigns(RuleSet r, Instant at, Map<String, Object> order,
                                                    Map<String, Object> member) {
                return List.of();
            }
        };
    }

    static Instant at(String date) {
        return Instant.parse(date.length() == 10 ? date + "T12:00:00Z" : date);
    }

    /** Enrolment with push consent: most tests are about triggers, not about the consent gate. */
    NudgeScript enroll(String date) {
        return send(date, EventType.MEMBER_ENROLLED, "{\"consent\":{\"push\":true}}");
    }

    NudgeScript order(String date, String orderId, String amount) {
        return send(date, EventType.ORDER_COMPLETED,
                "{\"order_id\":\"" + orderId + "\",\"net_amount\":\"" + amount + "\",\"currency\":\"USD\"}");
    }

    NudgeScript redeem(String date, String redemptionId, long points) {
        return send(date, EventType.REDEMPTION_REQUESTED,
                "{\"redemption_id\":\"" + redemptionId + "\",\"points\":" + points + "}");
    }

    NudgeScript adjust(String date, long points) {
        return send(date, EventType.POINTS_ADJUSTED,
                "{\"points\":" + points + ",\"reason\":\"goodwill\",\"operator\":\"ops\"}");
    }

    NudgeScript score(String date, String model, String score) {
        return send(date, EventType.ML_SCORED, "{\"member_id\":\"" + ledger.memberId + "\",\"model\":\"" + model
                + "\",\"model_version\":\"v1\",\"score\":\"" + score + "\"}");
    }

    NudgeScript consent(String date, String consent) {
        return send(date, EventType.PROFILE_UPDATED, "{\"consent\":" + consent + "}");
    }

    NudgeScript send(String date, EventType type, String payload) {
        try {
            Event e = new Event(ledger.memberId + "-e" + (++seq), type.wireName(), "acme", at(date), "pos",
                    Identifiers.NONE, (ObjectNode) EventJson.mapper().readTree(payload));
            LedgerBefore before = LedgerBefore.of(ledger);
            LedgerStep step = ledger.apply(e, rules);
            nudges.addAll(Nudging.step(state, before, ledger, e, step, e.occurredAt(), e.eventId(), rules));
            return this;
        } catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Lets time pass as the operator's timers do: one step per due instant up to {@code date}. */
    NudgeScript advance(String date) {
        Instant until = at(date);
        for (var due = ledger.nextDue(rules); due.isPresent() && !due.get().isAfter(until);
             due = ledger.nextDue(rules)) {
            step(due.get());
        }
        step(until);
        return this;
    }

    private void step(Instant t) {
        LedgerBefore before = LedgerBefore.of(ledger);
        LedgerStep step = ledger.advanceTo(t, rules);
        nudges.addAll(Nudging.step(state, before, ledger, null, step, t, "due@" + t, rules));
    }

    String lastEventId() {
        return ledger.memberId + "-e" + seq;
    }

    List<Nudge> of(NudgeType type) {
        return nudges.stream().filter(n -> n.type() == type).toList();
    }
}
