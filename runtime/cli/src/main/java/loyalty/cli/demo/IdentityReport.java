package loyalty.cli.demo;

import java.util.Locale;
import java.util.Map;
import loyalty.cli.console.TextTable;
import loyalty.identity.quality.IdentityQuality;

/** Prints the identity part of the demo summary. */
final class IdentityReport {
    private IdentityReport() {
    }

    static void print(IdentitySummary s, boolean trino) {
        System.out.println();
        System.out.println("Identity resolution — how each event found its member (from loyalty.identity.resolved)");
        TextTable byResolution = new TextTable("resolution", "events");
        s.byResolution().forEach(byResolution::row);
        byResolution.row("total", s.eventsResolved());
        System.out.print(byResolution.render());
        System.out.printf(Locale.ROOT, "members created %,d · merges %,d · conflicts for review %,d · unattributed"
                        + " %,d · late %,d · dead-lettered (no usable identifier) %,d%n", s.membersCreated(),
                s.merges(), s.conflicts(), s.unattributed(), s.late(), s.deadLettered());

        IdentityQuality q = s.quality();
        System.out.println();
        System.out.println("Resolution quality against the generator's ground truth (pairs of events, same person"
                + " ⇔ same member)");
        TextTable quality = new TextTable("measure", "value", "target");
        quality.row("precision", percent(q.precision()), "≥ 99.9%");
        quality.row("recall over what SPEC §3 can link", percent(q.linkableRecall()), "≥ 95%");
        quality.row("recall over all true pairs", percent(q.recall()), "");
        quality.row("persons / members measured", q.persons() + " / " + q.members(), "");
        quality.row("members holding several persons", q.impureMembers(), "");
        System.out.print(quality.render());

        System.out.println();
        if (!trino) {
            System.out.println("identity tables: not queried (Trino not running)");
            return;
        }
        System.out.println("Identity tables in Iceberg (through Trino)");
        TextTable tables = new TextTable("table", "group", "rows");
        for (Map.Entry<String, Long> e : s.tables().entrySet()) {
            String[] parts = e.getKey().split("\\.", 2);
            String table = switch (parts[0]) {
                case "members" -> "identity.members (by status)";
                case "links" -> "identity.identity_links (current, by type)";
                default -> "identity.identity_events (by kind)";
            };
            tables.row(table, parts[1], e.getValue());
        }
        System.out.print(tables.render());
        System.out.println("find anyone by any identifier, in any format: ./loyalty member find --email ... |"
                + " --phone ... | --card ... (with the stack up: ./loyalty demo --keep-running)");
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.2f%%", v * 100);
    }
}
