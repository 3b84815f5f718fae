package loyalty.cli.maintain;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.cli.TrinoOptions;
import loyalty.cli.UserError;
import loyalty.lakehouse.maintenance.LakehouseMaintenance;
import loyalty.lakehouse.maintenance.MaintenancePolicy;
import loyalty.lakehouse.maintenance.TableReport;
import loyalty.stack.trino.TableRenderer;
import loyalty.stack.trino.TrinoSql;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "maintain", mixinStandardHelpOptions = true,
        description = "Compact small data files, rewrite manifests, expire old snapshots and delete orphan files in"
                + " every Iceberg table (through Trino, as a user allowed to alter tables), then print each table's"
                + " data files, bytes, manifests and snapshots before -> after.")
public final class MaintainCommand implements Callable<Integer> {
    static final String CATALOG = "iceberg";

    @Mixin
    StackOptions stack;

    @Mixin
    TrinoOptions trino;

    @Option(names = "--retention", defaultValue = "7d",
            description = "Expire snapshots older than this; time travel reaches no further (default: ${DEFAULT-VALUE}).")
    String retention;

    @Option(names = "--orphan-retention", defaultValue = "7d",
            description = "Delete unreferenced files older than this; keep it longer than any write takes"
                    + " (default: ${DEFAULT-VALUE}).")
    String orphanRetention;

    @Option(names = "--small-file-mb", defaultValue = "100",
            description = "Compact data files smaller than this many MiB (default: ${DEFAULT-VALUE}).")
    long smallFileMb;

    @Option(names = "--table", paramLabel = "SCHEMA.TABLE",
            description = "Only this table (repeatable; default: every table of the catalog).")
    List<String> tables = new ArrayList<>();

    @Override
    public Integer call() {
        if (smallFileMb <= 0) {
            throw new UserError("--small-file-mb must be a positive number of MiB, not " + smallFileMb + ".");
        }
        MaintenancePolicy policy = new MaintenancePolicy(RetentionArgument.parse(retention, "--retention"),
                RetentionArgument.parse(orphanRetention, "--orphan-retention"), smallFileMb * 1024 * 1024);
        TrinoSql sql = new TrinoSql(withRetentionMinimums(trino.jdbcUrl(stack), policy), trino.user);
        LakehouseMaintenance maintenance = new LakehouseMaintenance(s -> sql.query(s).rows(), CATALOG, policy);
        List<TableReport> reports = new ArrayList<>();
        try {
            for (String table : tables.isEmpty() ? maintenance.tables() : tables) {
                reports.add(maintenance.maintain(table));
            }
        } catch (SQLException e) {
            throw new UserError("Trino could not list the lakehouse's tables: " + e.getMessage());
        }
        System.out.print(TableRenderer.render(MaintenanceTable.of(reports)));
        return reports.stream().allMatch(TableReport::succeeded) ? 0 : 1;
    }

    /**
     * The catalog file sets a minimum retention (one day) that guards hand-typed ALTER TABLE statements. A retention
     * given to this command is deliberate, so the session's minimum is lowered to it; only admins may do that.
     */
    static String withRetentionMinimums(String jdbcUrl, MaintenancePolicy policy) {
        String properties = "sessionProperties=" + CATALOG + ".expire_snapshots_min_retention:"
                + seconds(policy.snapshotRetention()) + ";" + CATALOG + ".remove_orphan_files_min_retention:"
                + seconds(policy.orphanRetention());
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + properties;
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }
}
