package loyalty.cli.kpi;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.cli.TrinoOptions;
import loyalty.cli.UserError;
import loyalty.cli.console.TextTable;
import loyalty.lakehouse.kpi.KpiSnapshots;
import loyalty.stack.trino.TrinoSql;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code loyalty kpi refresh}: keeps every KPI view's current result as a table in {@code iceberg.kpi_snapshot}, for
 * dashboards that need the figures in milliseconds rather than the seconds to minutes a view takes over a large
 * history. A running stack refreshes them every hour.
 */
@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = "Replace each KPI view's snapshot table in " + KpiSnapshots.SCHEMA + " (same name and columns)"
                + " with the view's current result, and print the rows and time of each. Dashboards read the tables;"
                + " the views stay the live definitions. Needs the views: 'loyalty kpi install'.")
public final class RefreshKpiCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Mixin
    TrinoOptions trino;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TrinoSql sql = new TrinoSql(trino.jdbcUrl(stack), trino.user);
        List<KpiSnapshots.Refreshed> refreshed;
        try {
            refreshed = new KpiSnapshots(s -> sql.query(s).rows()).refresh();
        } catch (SQLException e) {
            throw new UserError("Trino could not refresh the KPI snapshots: " + e.getMessage());
        }
        if (refreshed.isEmpty()) {
            throw new UserError("no KPI views to refresh; install them first: './loyalty kpi install'.");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(refreshed));
        out.flush();
        return refreshed.stream().allMatch(KpiSnapshots.Refreshed::succeeded) ? 0 : 1;
    }

    static String render(List<KpiSnapshots.Refreshed> refreshed) {
        TextTable table = new TextTable("snapshot of view", "rows", "seconds", "error");
        for (KpiSnapshots.Refreshed r : refreshed) {
            table.row(r.view(), String.format(Locale.ROOT, "%,d", r.rows()),
                    String.format(Locale.ROOT, "%.1f", r.took().toMillis() / 1000.0),
                    r.succeeded() ? "" : r.error());
        }
        return table.render();
    }
}
