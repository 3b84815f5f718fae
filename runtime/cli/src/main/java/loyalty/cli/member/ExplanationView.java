package loyalty.cli.member;

import java.util.List;
import java.util.Locale;
import loyalty.cli.console.TextTable;

/** A member explanation as text: the entries with a running total, the lots, and the reconciliation. */
public final class ExplanationView {
    private ExplanationView() {
    }

    public static String render(MemberExplanation x, int shownEntries) {
        StringBuilder b = new StringBuilder();
        List<LedgerRow> entries = x.entries();
        String member = entries.get(0).memberId();
        b.append(String.format(Locale.ROOT, "Ledger of %s (%s) as of %s: %,d entries%n", member,
                entries.get(0).program(), x.asOf(), entries.size()));
        TextTable table = new TextTable("occurred_at", "type", "points", "running total", "lot", "cause",
                "rules", "campaigns", "note");
        long running = 0;
        int skip = Math.max(0, entries.size() - shownEntries);
        for (int i = 0; i < entries.size(); i++) {
            LedgerRow e = entries.get(i);
            running += e.points();
            if (i < skip) {
                continue;
            }
            table.row(e.occurredAt(), e.type(), String.format(Locale.ROOT, "%+,d", e.points()), running,
                    e.lotId() == null ? "-" : e.lotId(), e.sourceEventId(), e.ruleVersion(),
                    e.campaigns() == null || e.campaigns().isEmpty() ? "-" : e.campaigns(),
                    e.note() == null ? "" : e.note());
        }
        if (skip > 0) {
            b.append(String.format(Locale.ROOT, "(the first %,d entries are counted, not listed; --entries N)%n",
                    skip));
        }
        b.append(table.render());
        b.append(System.lineSeparator()).append("Lots").append(System.lineSeparator());
        TextTable lots = new TextTable("lot", "type", "points", "left", "created", "available from", "expires",
                "status");
        for (MemberExplanation.Lot l : x.lots()) {
            lots.row(l.lotId(), l.type(), l.points(), l.left(), l.occurredAt(), l.availableAt(), l.expiresAt(),
                    l.status());
        }
        b.append(lots.render());
        b.append(String.format(Locale.ROOT, "%nfrom the entries: total %,d = available %,d + pending %,d"
                + " (pending: the lots not yet available)%n", x.total(), x.available(), x.pending()));
        if (x.balance().isPresent()) {
            BalanceRow bal = x.balance().get();
            b.append(String.format(Locale.ROOT, "published balance (ledger.balances, as of %s): available %,d,"
                            + " pending %,d, debt %,d, tier %s, lifetime earned %,d, redeemed %,d, expired %,d%n",
                    bal.asOf(), bal.available(), bal.pending(), bal.debt(), bal.tier(), bal.lifetimeEarned(),
                    bal.redeemed(), bal.expired()));
        }
        if (!x.comparable()) {
            b.append("(explained as of a time other than the published balance's: nothing to check it against)")
                    .append(System.lineSeparator());
        } else {
            b.append(x.explained() ? "explained: the entries add up to the published balance."
                    : "NOT EXPLAINED: the entries do not add up to the published balance.")
                    .append(System.lineSeparator());
        }
        return b.toString();
    }
}
