package loyalty.ledger.core;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import loyalty.nudge.NudgeSettings;

/**
 * The time-driven nudge triggers as due effects of the ledger (SPEC §13.1: after the birthday, expiry reminders then
 * lapse). Each is considered once: {@link MemberLedger#nudgesCheckedUpTo} is the instant up to which they have been,
 * so a lot or an order that arrives (by a merge, a late event) with its reminder instant already behind the member
 * does not remind late — the loser of a merge was reminded in its own time.
 */
final class NudgeDues {
    private NudgeDues() {
    }

    /** The next reminder or lapse instant after what was already considered, or null. */
    static Instant next(MemberLedger m, LedgerRules rules) {
        Instant checked = checkedUpTo(m);
        Instant next = null;
        for (Lot lot : m.lots.values()) {
            Instant at = reminderAt(lot, rules);
            if (at != null && (checked == null || at.isAfter(checked))) {
                next = MemberLedger.min(next, at);
            }
        }
        Instant lapse = lapseAt(m, rules);
        if (lapse != null && (checked == null || lapse.isAfter(checked))) {
            next = MemberLedger.min(next, lapse);
        }
        return next;
    }

    /** Records the reminders and the lapse due in {@code (checked, at]}, as the lots stand now. */
    static void fire(MemberLedger m, Instant at, LedgerRules rules, LedgerStep step) {
        Instant checked = checkedUpTo(m);
        Map<LocalDate, Long> dates = new TreeMap<>();
        Map<LocalDate, Instant> when = new TreeMap<>();
        for (Lot lot : m.lots.values()) {
            Instant remindAt = reminderAt(lot, rules);
            if (remindAt != null && (checked == null || remindAt.isAfter(checked)) && !remindAt.isAfter(at)) {
                LocalDate day = expiresOn(lot);
                dates.merge(day, lot.remaining, Long::sum);
                when.put(day, remindAt);
            }
        }
        for (Map.Entry<LocalDate, Long> date : dates.entrySet()) {
            Instant remindAt = when.get(date.getKey());
            NudgeSettings settings = rules.at(remindAt).nudges();
            if (date.getValue() >= settings.expiryReminderMinPoints()) {
                step.add(new NudgeDue(NudgeDue.Kind.EXPIRY_REMINDER, remindAt, date.getKey(), date.getValue(), null));
            }
        }
        Instant lapse = lapseAt(m, rules);
        if (lapse != null && (checked == null || lapse.isAfter(checked)) && !lapse.isAfter(at)) {
            step.add(new NudgeDue(NudgeDue.Kind.LAPSE, lapse, null, 0, lastOrder(m)));
        }
        m.nudgesCheckedUpTo = MemberLedger.max(m.nudgesCheckedUpTo, at);
    }

    /** Ledgers written before nudges existed have no mark: they start from their clock, not from the past. */
    static Instant checkedUpTo(MemberLedger m) {
        return m.nudgesCheckedUpTo != null ? m.nudgesCheckedUpTo : m.clock;
    }

    /** SPEC §13.13: 00:00 UTC {@code expiry_reminder_days} before the lot's UTC expiry date; null if nothing left. */
    private static Instant reminderAt(Lot lot, LedgerRules rules) {
        if (lot.expired || lot.remaining <= 0) {
            return null;
        }
        Instant day = expiresOn(lot).atStartOfDay().toInstant(ZoneOffset.UTC);
        NudgeSettings settings = rules.at(day).nudges();
        return settings == null ? null : day.minus(Duration.ofDays(settings.expiryReminderDays()));
    }

    private static LocalDate expiresOn(Lot lot) {
        return lot.expiresAt.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** {@code lapse_days} after the last order (of the rule set in force then); null without orders. */
    private static Instant lapseAt(MemberLedger m, LedgerRules rules) {
        OrderRecord last = lastOrder(m);
        if (last == null) {
            return null;
        }
        NudgeSettings settings = rules.at(last.occurredAt).nudges();
        return settings == null ? null : last.occurredAt.plus(Duration.ofDays(settings.lapseDays()));
    }

    static OrderRecord lastOrder(MemberLedger m) {
        OrderRecord last = null;
        for (OrderRecord o : m.orders.values()) {
            if (last == null || o.occurredAt.isAfter(last.occurredAt)
                    || (o.occurredAt.equals(last.occurredAt) && o.eventId.compareTo(last.eventId) > 0)) {
                last = o;
            }
        }
        return last;
    }
}
