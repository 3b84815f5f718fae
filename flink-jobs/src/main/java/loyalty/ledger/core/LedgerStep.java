package loyalty.ledger.core;

import java.util.ArrayList;
import java.util.List;

/**
 * What applying one event or one due time did: entries, tier changes, redemption outcomes, and — for an event the
 * ledger refuses (SPEC §13.17 duplicates) — the dead-letter reason. {@link #notes} say why something earned
 * nothing (an engagement over its cap, an order before enrolment), for the record.
 */
public final class LedgerStep {
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final List<TierChange> tierChanges = new ArrayList<>();
    private final List<RedemptionOutcome> outcomes = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<NudgeDue> nudgesDue = new ArrayList<>();
    private String deadLetterReason;
    private ReferralDue referral;

    public List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    public List<TierChange> tierChanges() {
        return List.copyOf(tierChanges);
    }

    public List<RedemptionOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Expiry reminders and lapses that fell due in this step, in time order (they change no points). */
    public List<NudgeDue> nudgesDue() {
        return List.copyOf(nudgesDue);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Null unless the event was refused: {@code duplicate_order_id} or {@code duplicate_return_id}. */
    public String deadLetterReason() {
        return deadLetterReason;
    }

    /** A referral bonus this step owes another member, or null. */
    public ReferralDue referral() {
        return referral;
    }

    void owe(ReferralDue due) {
        referral = due;
    }

    void add(LedgerEntry e) {
        entries.add(e);
    }

    void add(TierChange c) {
        tierChanges.add(c);
    }

    void add(RedemptionOutcome o) {
        outcomes.add(o);
    }

    void add(NudgeDue due) {
        nudgesDue.add(due);
    }

    void note(String note) {
        notes.add(note);
    }

    void refuse(String reason) {
        deadLetterReason = reason;
    }

    void addAll(LedgerStep other) {
        entries.addAll(other.entries);
        tierChanges.addAll(other.tierChanges);
        outcomes.addAll(other.outcomes);
        notes.addAll(other.notes);
        nudgesDue.addAll(other.nudgesDue);
    }
}
