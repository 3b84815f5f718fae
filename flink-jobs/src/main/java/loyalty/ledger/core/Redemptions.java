package loyalty.ledger.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import loyalty.contract.event.Event;

/**
 * SPEC §7 and §13.16: a request is checked (invalid_amount, not_enrolled, insufficient_points; unknown_member is
 * decided before a ledger exists), an approved one takes available lots soonest-expiring first; a repeated
 * redemption_id gets a copy of the first outcome; a cancellation restores the points to the same lots, expiring at
 * once what has expired meanwhile.
 */
final class Redemptions {
    private Redemptions() {
    }

    static void request(MemberLedger ledger, Event e, String ruleVersion, LedgerStep step) {
        Instant t = e.occurredAt();
        String id = e.payload().path("redemption_id").asText();
        long points = e.payload().path("points").asLong();
        RedemptionRecord previous = ledger.redemptions.get(id);
        if (previous != null) {
            RedemptionOutcome first = previous.outcome;
            step.add(new RedemptionOutcome(id, ledger.program, ledger.memberId, first.status(), first.reason(),
                    first.points(), first.availableBefore(), e.eventId(), t, first.eventId()));
            return;
        }
        long available = ledger.available(t);
        String reason = points <= 0 ? "invalid_amount"
                : ledger.enrolledAt == null ? "not_enrolled"
                : available < points ? "insufficient_points" : null;
        RedemptionOutcome outcome = new RedemptionOutcome(id, ledger.program, ledger.memberId,
                reason == null ? RedemptionOutcome.APPROVED : RedemptionOutcome.REJECTED, reason, points, available,
                e.eventId(), t, null);
        RedemptionRecord record = new RedemptionRecord(outcome);
        ledger.redemptions.put(id, record);
        step.add(outcome);
        if (reason != null) {
            return;
        }
        long missing = points;
        for (Lot lot : ledger.lots.values().stream().filter(l -> l.availableAt(t) && l.remaining > 0)
                .sorted(Lot.SOONEST_EXPIRING).toList()) {
            if (missing == 0) {
                break;
            }
            long taken = Math.min(missing, lot.remaining);
            lot.remaining -= taken;
            missing -= taken;
            record.consumed.put(lot.lotId, taken);
            step.add(ledger.entry(e.eventId() + ":REDEEM:" + lot.lotId, EntryType.REDEEM, -taken, lot, t,
                    e.eventId(), ruleVersion, List.of(), "redemption " + id));
        }
        ledger.redeemed += points;
    }

    static void cancel(MemberLedger ledger, Event e, String ruleVersion, LedgerStep step) {
        Instant t = e.occurredAt();
        String id = e.payload().path("redemption_id").asText();
        RedemptionRecord record = ledger.redemptions.get(id);
        String ignored = record == null ? "unknown_redemption"
                : !RedemptionOutcome.APPROVED.equals(record.outcome.status()) ? "not_approved"
                : record.cancelled ? "already_cancelled" : null;
        long points = record == null ? 0 : record.outcome.points();
        if (ignored != null) {
            step.add(new RedemptionOutcome(id, ledger.program, ledger.memberId, RedemptionOutcome.CANCEL_IGNORED,
                    ignored, 0, null, e.eventId(), t, null));
            return;
        }
        record.cancelled = true;
        for (Map.Entry<String, Long> c : record.consumed.entrySet()) {
            Lot lot = ledger.lots.get(c.getKey());
            lot.remaining += c.getValue();
            step.add(ledger.entry(e.eventId() + ":REDEEM_REVERSAL:" + lot.lotId, EntryType.REDEEM_REVERSAL,
                    c.getValue(), lot, t, e.eventId(), ruleVersion, List.of(), "cancellation of " + id));
            if (lot.expired || !lot.expiresAt.isAfter(t)) {
                lot.expired = false;
                ledger.expire(lot, t, e.eventId() + ":EXPIRE:" + lot.lotId, e.eventId(), ruleVersion, step);
            } else {
                ledger.settleDebt(lot);
            }
        }
        ledger.redeemed -= points;
        step.add(new RedemptionOutcome(id, ledger.program, ledger.memberId, RedemptionOutcome.CANCELLED, null,
                points, null, e.eventId(), t, null));
    }
}
