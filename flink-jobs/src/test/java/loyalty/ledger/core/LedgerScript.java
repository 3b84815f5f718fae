package loyalty.ledger.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.ledger.rules.RuleSet;

/**
 * Drives one {@link MemberLedger} through SPEC-style scripts: events at dates (noon UTC unless a time is given),
 * collecting every step's output and checking the SPEC §11 invariants after each one.
 */
final class LedgerScript {
    static final RuleSet DEFAULTS = defaults();

    /** The default rule set throughout, no campaign matching. */
    static final LedgerRules RULES = new LedgerRules() {
        @Override
        public RuleSet at(Instant t) {
            return DEFAULTS;
        }

        @Override
        public List<RuleSet.Campaign> campaigns(RuleSet rs, Instant at, Map<String, Object> order,
                                                Map<String, Object> member) {
            return List.of();
        }
    };

    final MemberLedger ledger;
    final List<LedgerEntry> entries = new ArrayList<>();
    final List<TierChange> tiers = new ArrayList<>();
    final List<RedemptionOutcome> outcomes = new ArrayList<>();
    final List<String> refusals = new ArrayList<>();
    private final LedgerRules rules = RULES;
    private int seq;
    private final String prefix;

    LedgerScript() {
        this("M-1", "e");
    }

    /** A member with its own event-id prefix, for scripts with several members. */
    LedgerScript(String memberId, String eventPrefix) {
        this.ledger = new MemberLedger("acme", memberId);
        this.prefix = eventPrefix;
    }

    LedgerRules rules() {
        return rules;
    }

    /** Takes the output of a step made outside the script (a merge), checking the invariants. */
    void record(LedgerStep step, Instant t) {
        collect(step, t);
    }

    static Instant at(String date) {
        return Instant.parse(date.length() == 10 ? date + "T12:00:00Z" : date);
    }

    LedgerScript enroll(String date) {
        return send(date, EventType.MEMBER_ENROLLED, "{}");
    }

    LedgerScript order(String date, String orderId, String amount) {
        return send(date, EventType.ORDER_COMPLETED,
                "{\"order_id\":\"" + orderId + "\",\"net_amount\":\"" + amount + "\",\"currency\":\"USD\"}");
    }

    LedgerScript returned(String date, String returnId, String orderId, String amount) {
        return send(date, EventType.ORDER_RETURNED, "{\"return_id\":\"" + returnId + "\","
                + (orderId == null ? "" : "\"order_id\":\"" + orderId + "\",") + "\"refund_amount\":\"" + amount
                + "\"}");
    }

    LedgerScript redeem(String date, String redemptionId, long points) {
        return send(date, EventType.REDEMPTION_REQUESTED,
                "{\"redemption_id\":\"" + redemptionId + "\",\"points\":" + points + "}");
    }

    LedgerScript cancel(String date, String redemptionId) {
        return send(date, EventType.REDEMPTION_CANCELLED, "{\"redemption_id\":\"" + redemptionId + "\"}");
    }

    LedgerScript engage(String date, String kind) {
        return send(date, EventType.ENGAGEMENT_RECORDED, "{\"kind\":\"" + kind + "\"}");
    }

    LedgerScript adjust(String date, long points) {
        return send(date, EventType.POINTS_ADJUSTED,
                "{\"points\":" + points + ",\"reason\":\"goodwill\",\"operator\":\"ops\"}");
    }

    LedgerScript send(String date, EventType type, String payload) {
        try {
            return apply(new Event(prefix + (++seq), type.wireName(), "acme", at(date), "pos", Identifiers.NONE,
                    (ObjectNode) EventJson.mapper().readTree(payload)));
        } catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Applies a ready-made event (its own id and time), collecting and checking as {@link #send} does. */
    LedgerScript apply(Event e) {
        collect(ledger.apply(e, rules), e.occurredAt());
        return this;
    }

    /** Lets time pass to {@code t} (timers: availability, expiry, review, birthday). */
    LedgerScript advance(Instant t) {
        collect(ledger.advanceTo(t, rules), t);
        return this;
    }

    /** Lets time pass to {@code date} (timers: availability, expiry, review). */
    LedgerScript advance(String date) {
        return advance(at(date));
    }

    Balance balance(String date) {
        advance(date);
        return ledger.balance(at(date));
    }

    long ledgerSum() {
        return entries.stream().mapToLong(LedgerEntry::points).sum();
    }

    String lastEventId() {
        return prefix + seq;
    }

    private void collect(LedgerStep step, Instant t) {
        entries.addAll(step.entries());
        tiers.addAll(step.tierChanges());
        outcomes.addAll(step.outcomes());
        if (step.deadLetterReason() != null) {
            refusals.add(step.deadLetterReason());
        }
        LedgerInvariants.holdFor(ledger, t, entries);
        LedgerInvariants.entryIdsUnique(entries);
        LedgerInvariants.approvedWithinAvailable(step.outcomes());
    }

    private static RuleSet defaults() {
        return loyalty.ledger.rules.RuleSets.defaults();
    }
}
