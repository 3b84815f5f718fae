package loyalty.cli.kpi;

import picocli.CommandLine.Command;

@Command(name = "kpi", mixinStandardHelpOptions = true,
        description = "The program KPIs as SQL views in Trino (schema iceberg.kpi): install them into a running"
                + " deployment, keep their results as tables for dashboards (iceberg.kpi_snapshot), and show them.",
        subcommands = {InstallKpiCommand.class, RefreshKpiCommand.class, ShowKpiCommand.class})
public final class KpiCommand {
}
