package loyalty.cli.kpi;

import picocli.CommandLine.Command;

@Command(name = "kpi", mixinStandardHelpOptions = true,
        description = "The program KPIs as SQL views in Trino (schema iceberg.kpi): install them into a running"
                + " deployment, and show them.",
        subcommands = {InstallKpiCommand.class, ShowKpiCommand.class})
public final class KpiCommand {
}
