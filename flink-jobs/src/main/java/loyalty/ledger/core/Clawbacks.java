package loyalty.ledger.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SPEC §6 clawback order: the order's own lot first (pending or available), then the other available lots,
 * soonest-expiring first; what is still missing becomes debt. One entry per lot touched, and one without a lot for
 * the debt.
 */
final class Clawbacks {
    private Clawbacks() {
    }

    static void take(MemberLedger ledger, long points, Lot own, Instant t, String source, String ruleVersion,
                     String note, LedgerStep step) {
        take(ledger, points, own, t, source, ruleVersion, note, step, EntryType.CLAWBACK);
    }

    static void take(MemberLedger ledger, long points, Lot own, Instant t, String source, String ruleVersion,
                     String note, LedgerStep step, EntryType type) {
        long missing = points;
        List<Lot> order = new ArrayList<>();
        if (own != null && !own.expired) {
            order.add(own);
        }
        ledger.lots.values().stream()
                .filter(l -> l != own && l.availableAt(t) && l.remaining > 0)
                .sorted(Lot.SOONEST_EXPIRING)
                .forEach(order::add);
        for (Lot lot : order) {
            if (missing == 0) {
                break;
            }
            long taken = Math.min(missing, lot.remaining);
            if (taken > 0) {
                lot.remaining -= taken;
                missing -= taken;
                step.add(ledger.entry(source + ":" + type + ":" + lot.lotId, type, -taken, lot, t, source,
                        ruleVersion, List.of(), note));
            }
        }
        if (missing > 0) {
            ledger.debt += missing;
            step.add(ledger.entry(source + ":" + type + ":debt", type, -missing, null, t, source, ruleVersion,
                    List.of(), (note == null ? "" : note + "; ") + "debt"));
        }
    }
}
