package loyalty.cli.kpi;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.cli.TrinoOptions;
import loyalty.cli.UserError;
import loyalty.lakehouse.audit.AuditViews;
import loyalty.lakehouse.kpi.KpiViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code loyalty kpi install}: (re)creates the KPI views through Trino. Safe to run again at any time (every view is
 * CREATE OR REPLACE); run it after an upgrade, and once the nudge job has created ledger.nudges to get nudge_lift.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Create or replace the KPI views in iceberg.kpi and the audit views in iceberg.audit"
                + " (idempotent). A view whose table is missing (nudge_lift without ledger.nudges) is skipped and"
                + " named.")
public final class InstallKpiCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Mixin
    TrinoOptions trino;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        KpiViews.Installed kpis;
        KpiViews.Installed audit;
        try {
            kpis = KpiViews.install(trino.jdbcUrl(stack), trino.user);
            audit = AuditViews.install(trino.jdbcUrl(stack), trino.user);
        } catch (SQLException e) {
            throw new UserError("Trino could not create the views (are the lakehouse tables there?"
                    + " './loyalty stack up' creates them): " + e.getMessage());
        }
        report(out, KpiViews.SCHEMA, kpis);
        report(out, AuditViews.SCHEMA, audit);
        out.flush();
        return 0;
    }

    private static void report(PrintWriter out, String schema, KpiViews.Installed installed) {
        out.println("installed " + installed.views().size() + " views in " + schema + ": "
                + String.join(", ", installed.views()));
        for (Map.Entry<String, String> skipped : installed.skipped().entrySet()) {
            out.println("skipped " + skipped.getKey() + ": table " + skipped.getValue() + " does not exist yet");
        }
    }
}
