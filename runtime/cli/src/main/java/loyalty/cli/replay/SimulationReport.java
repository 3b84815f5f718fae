package loyalty.cli.replay;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.TreeSet;
import loyalty.cli.console.TextTable;

/** A simulation's figures beside the live ones, with the change. */
final class SimulationReport {
    private SimulationReport() {
    }

    static void print(SimulateCommand.Simulation s, PrintStream out) {
        out.printf(Locale.ROOT, "Simulation of rule set '%s' for %s, %s → %s (%.1f s; live state untouched,"
                + " results in iceberg.simulation.*)%n", s.candidateVersion(), s.program(), s.from(), s.to(),
                s.seconds());
        TextTable table = new TextTable("", "live rules", "candidate", "change");
        TreeSet<String> types = new TreeSet<>(s.live().issued().keySet());
        types.addAll(s.candidate().issued().keySet());
        for (String type : types) {
            row(table, "points issued: " + type, s.live().issued().getOrDefault(type, 0L),
                    s.candidate().issued().getOrDefault(type, 0L));
        }
        row(table, "points issued: total", s.live().issuedTotal(), s.candidate().issuedTotal());
        row(table, "liability at end (points)", s.live().liabilityPoints(), s.candidate().liabilityPoints());
        table.row("liability at end (money, " + s.costPerPoint().toPlainString() + "/point)",
                money(s.live().liabilityPoints(), s.costPerPoint()),
                money(s.candidate().liabilityPoints(), s.costPerPoint()),
                money(s.candidate().liabilityPoints() - s.live().liabilityPoints(), s.costPerPoint()));
        TreeSet<String> tiers = new TreeSet<>(s.live().tiers().keySet());
        tiers.addAll(s.candidate().tiers().keySet());
        for (String tier : tiers) {
            row(table, "members in " + tier + " at end", s.live().tiers().getOrDefault(tier, 0L),
                    s.candidate().tiers().getOrDefault(tier, 0L));
        }
        out.print(table.render());
    }

    private static void row(TextTable table, String label, long live, long candidate) {
        long change = candidate - live;
        String pct = live == 0 ? "" : String.format(Locale.ROOT, " (%+.1f%%)", 100.0 * change / live);
        table.row(label, live, candidate, String.format(Locale.ROOT, "%+,d", change) + pct);
    }

    private static String money(long points, BigDecimal costPerPoint) {
        return costPerPoint.multiply(BigDecimal.valueOf(points)).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
