package loyalty.cli.kpi;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.cli.TrinoOptions;
import loyalty.cli.UserError;
import loyalty.lakehouse.kpi.KpiSnapshots;
import loyalty.lakehouse.kpi.KpiView;
import loyalty.lakehouse.kpi.KpiViews;
import loyalty.stack.trino.TableRenderer;
import loyalty.stack.trino.TrinoSql;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loyalty kpi show}: prints the KPI summary (one row per program), or any one KPI view, as a table. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print the KPI table (view program_summary: one row per program), or one KPI view with"
                + " --view, computed now or, with --snapshot, as of the last refresh. Needs the views:"
                + " 'loyalty kpi install'.")
public final class ShowKpiCommand implements Callable<Integer> {
    static final String SUMMARY = "program_summary";

    @Option(names = "--view", paramLabel = "NAME",
            description = "A KPI view to print instead of the summary, e.g. active_member_rate, nudge_lift.")
    String view = SUMMARY;

    @Option(names = "--program", description = "Only this program (default: all).")
    String program;

    @Option(names = "--snapshot", description = "Read the view's snapshot table (iceberg.kpi_snapshot, as of the last"
            + " 'loyalty kpi refresh') instead of computing the view.")
    boolean snapshot;

    @Mixin
    StackOptions stack;

    @Mixin
    TrinoOptions trino;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String schema = snapshot ? KpiSnapshots.SCHEMA : KpiViews.SCHEMA;
        String query = query(schema, view, program);
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.print(TableRenderer.render(new TrinoSql(trino.jdbcUrl(stack), trino.user).query(query)));
        } catch (SQLException e) {
            throw new UserError("Trino could not read " + schema + "." + view + (snapshot
                    ? " (was it refreshed? 'loyalty kpi refresh'): " : " (were the views installed? 'loyalty kpi install'): ")
                    + e.getMessage());
        }
        out.flush();
        return 0;
    }

    /**
     * The view's rows (or its snapshot table's, by {@code schema}), ordered by its leading columns; the name must be a
     * KPI view (it is pasted into SQL).
     */
    static String query(String schema, String view, String program) {
        List<String> names = KpiViews.definitions().stream().map(KpiView::name).toList();
        if (!names.contains(view)) {
            throw new UserError("no KPI view " + view + "; the views are: " + String.join(", ", names));
        }
        String where = program == null ? "" : " WHERE program = '" + program.replace("'", "''") + "'";
        return "SELECT * FROM " + schema + "." + view + where + " ORDER BY 1, 2";
    }
}
