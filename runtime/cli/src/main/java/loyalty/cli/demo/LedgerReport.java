package loyalty.cli.demo;

import java.util.Locale;
import loyalty.cli.console.TextTable;

/** Prints the ledger part of the demo summary, read from the ledger tables through Trino. */
final class LedgerReport {
    private LedgerReport() {
    }

    static void print(LedgerSummary s, java.math.BigDecimal costPerPoint) {
        System.out.println();
        if (s == null) {
            System.out.println("ledger tables: not queried (Trino not running)");
            return;
        }
        System.out.println("Points ledger — entries by type (iceberg.ledger.points_ledger)");
        TextTable entries = new TextTable("type", "entries", "points");
        s.entriesByType().forEach((type, e) -> entries.row(type, e.get(0), e.get(1)));
        entries.row("total", s.entriesByType().values().stream().mapToLong(e -> e.get(0)).sum(), s.ledgerTotal());
        System.out.print(entries.render());
        System.out.printf(Locale.ROOT, "balances (iceberg.ledger.balances, %,d members): available %,d · pending %,d"
                        + " · debt %,d → ledger total %,d %s balances%n", s.members(), s.available(), s.pending(),
                s.debt(), s.ledgerTotal(), s.ledgerMatchesBalances() ? "=" : "≠ (MISMATCH)");
        long liability = s.available() + s.pending();
        System.out.printf(Locale.ROOT, "liability: %,d points (available %,d + pending %,d) = %s at %s per point%n",
                liability, s.available(), s.pending(), costPerPoint.multiply(java.math.BigDecimal.valueOf(liability))
                        .setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString(), costPerPoint.toPlainString());
        System.out.println();
        TextTable tiers = new TextTable("tier", "members");
        s.tiers().forEach(tiers::row);
        System.out.print(tiers.render());
        TextTable redemptions = new TextTable("redemption outcome", "requests");
        s.redemptions().forEach(redemptions::row);
        System.out.print(redemptions.render());
    }
}
