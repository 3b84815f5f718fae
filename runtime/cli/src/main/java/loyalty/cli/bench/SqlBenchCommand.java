package loyalty.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import loyalty.cli.FreshWorkspace;
import loyalty.cli.StackOptions;
import loyalty.cli.UserError;
import loyalty.cli.Workspace;
import loyalty.cli.console.Progress;
import loyalty.cli.console.TextTable;
import loyalty.contract.event.EventJson;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.kpi.KpiSnapshots;
import loyalty.lakehouse.kpi.KpiView;
import loyalty.lakehouse.kpi.KpiViews;
import loyalty.lakehouse.maintenance.LakehouseMaintenance;
import loyalty.lakehouse.maintenance.MaintenancePolicy;
import loyalty.lakehouse.maintenance.TableReport;
import loyalty.lakehouse.maintenance.TableState;
import loyalty.lakehouse.table.TableDefinition;
import loyalty.stack.postgres.PostgresCluster;
import loyalty.stack.trino.TrinoCatalogEnv;
import loyalty.stack.trino.TrinoServer;
import loyalty.stack.trino.TrinoSql;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loyalty bench sql}: the KPI views' latencies in Trino over a program of millions of ledger entries, before
 * and after compaction, and a member lookup's. The pipeline is far too slow on one machine to produce that volume,
 * so a synthetic but consistent program ({@link SyntheticProgram}) is written straight into the Iceberg tables, in
 * many small commits as streaming leaves them. Only PostgreSQL (the catalog) and Trino run. After compaction the KPI
 * snapshots are refreshed ({@code loyalty kpi refresh}) and each read back, as a dashboard reads them. Exit code 3
 * when a KPI's snapshot takes 3 s or more to read (median of the runs), 2 when a view or a refresh fails or the KPI
 * figures differ from the generated program's. The views' own latencies are reported beside, not judged.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Latency of every KPI view and of a member lookup in Trino, before and after compaction, over"
                + " a synthetic program of --entries ledger entries written straight into the Iceberg tables in"
                + " --commits small commits, in <work>/bench; then the KPI snapshots' refresh and reads. Prints a"
                + " table and writes the figures as JSON. Exit code 3 when a KPI snapshot takes 3 s or more to read.")
public final class SqlBenchCommand implements Callable<Integer> {
    static final long AIM_MS = 3_000;
    private static final String TRINO_USER = "loyalty-launcher"; // an admin (lakehouse/trino/etc/groups.txt)
    private static final int STEPS = 7;
    /** The one KPI view with a row per activity rather than per program; timed as an aggregate (see queries). */
    private static final String ROW_LEVEL_VIEW = "member_activity";

    @Mixin
    StackOptions stack;

    @Option(names = "--entries", defaultValue = "10000000",
            description = "Ledger entries to write (default: ${DEFAULT-VALUE}); about 1 member per 40 entries.")
    long entries;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--commits", defaultValue = "400",
            description = "Commits the year of history is written in, one per table each, like checkpoints"
                    + " (default: ${DEFAULT-VALUE}).")
    int commits;

    @Option(names = "--days", defaultValue = "365",
            description = "Days of history (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--runs", defaultValue = "3",
            description = "Times each query runs after compaction; the report has the first and the median (default:"
                    + " ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--runs-before", defaultValue = "1",
            description = "Times each query runs before compaction, where one run over the uncompacted files can take"
                    + " minutes at 10M entries (default: ${DEFAULT-VALUE}).")
    int runsBefore;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the JSON (default:"
            + " <work>/bench/sql.json).")
    Path out;

    private int step;

    @Override
    public Integer call() throws Exception {
        if (entries < 1_000) {
            throw new UserError("--entries must be at least 1000, got " + entries + ".");
        }
        if (commits < 1 || runs < 1 || runsBefore < 1 || days < 1) {
            throw new UserError("--commits, --runs, --runs-before and --days must be at least 1.");
        }
        if (TrinoServer.findJava().isEmpty()) {
            throw new UserError(TrinoServer.missingJavaMessage());
        }
        Instant startedAt = Instant.now();
        Machine machine = Machine.current();
        Workspace bench = FreshWorkspace.create(stack.workspace(), "bench", "the benchmark");
        heading("Start PostgreSQL (the Iceberg catalog) in " + bench.root());
        System.out.println("  machine: " + machine.describe());
        try (PostgresCluster postgres = PostgresCluster.start(bench.postgres(), stack.pgPort)) {
            LakehouseConfig config = new LakehouseConfig(postgres.jdbcUrl(PostgresCluster.LAKEHOUSE_DB),
                    PostgresCluster.USER, PostgresCluster.PASSWORD, bench.warehouse().toUri().toString());

            heading(String.format(Locale.ROOT, "Write %,d ledger entries and the rest of the program into"
                    + " Iceberg: %d days of history, %d commits per table (seed %d)", entries, days, commits, seed));
            IcebergBatches batches;
            SyntheticProgram.Totals totals;
            long writeStarted = System.nanoTime();
            try (Lakehouse lakehouse = Lakehouse.open(config)) {
                lakehouse.ensureTables();
                batches = new IcebergBatches(lakehouse);
                SyntheticProgram program = new SyntheticProgram(entries, days, commits, seed, batches);
                try (ProgressBar bar = Progress.bar("ledger entries", entries, null, 1)) {
                    totals = program.write(bar::stepTo);
                }
            }
            double writeSeconds = (System.nanoTime() - writeStarted) / 1e9;
            SqlBenchReport.Write write = new SqlBenchReport.Write(writeSeconds, batches.rows(), batches.commits(),
                    batches.files(), totals.entries / writeSeconds);
            System.out.printf(Locale.ROOT, "  %,d rows in %,d commits, %,d files, %.1f s (%,.0f ledger entries/s);"
                            + " %,d members, %,d raw events%n", write.rows(), write.commits(), write.files(),
                    writeSeconds, write.ledgerEntriesPerSecond(), totals.members, totals.rawEvents);

            heading("Start Trino and install the KPI views");
            try (TrinoServer trino = TrinoServer.start(bench.trino(), stack.trinoPort, TrinoCatalogEnv.localWarehouse(
                    config.jdbcUrl(), PostgresCluster.USER, PostgresCluster.PASSWORD, bench.warehouse()))) {
                TrinoSql sql = new TrinoSql(trino.jdbcUrl(), TRINO_USER);
                sql.query("SELECT 1"); // waits out the first seconds in which a fresh Trino schedules no query
                KpiViews.Installed installed = KpiViews.install(trino.jdbcUrl(), TRINO_USER);
                System.out.println("  " + trino.jdbcUrl() + ", " + installed.views().size() + " views");
                LakehouseMaintenance maintenance = new LakehouseMaintenance(s -> sql.query(s).rows(), "iceberg",
                        MaintenancePolicy.defaults());
                List<String> tables = SyntheticProgram.tables().stream().map(TableDefinition::id)
                        .map(Object::toString).toList();
                try (Connection connection = connect(trino.jdbcUrl())) {
                    Map<String, QueryTimer.Query> queries = queries(installed.views());

                    heading("Before compaction: every KPI view and a member lookup, " + runsBefore + " run"
                            + (runsBefore == 1 ? "" : "s") + " each");
                    Map<String, QueryTimer.Measured> before = measure(new QueryTimer(connection, runsBefore), queries);

                    heading("Maintenance: compaction, manifests, snapshot expiry, orphan files");
                    List<TableReport> maintained = new ArrayList<>();
                    long maintenanceStarted = System.nanoTime();
                    for (String table : tables) {
                        TableReport report = maintenance.maintain(table);
                        maintained.add(report);
                        System.out.printf(Locale.ROOT, "  %-28s %,7d -> %,7d files  %.1f s%s%n", table,
                                report.before() == null ? -1 : report.before().dataFiles(),
                                report.after() == null ? -1 : report.after().dataFiles(),
                                report.took().toMillis() / 1000.0,
                                report.error().map(e -> "  " + e).orElse(""));
                    }
                    double maintenanceSeconds = (System.nanoTime() - maintenanceStarted) / 1e9;

                    heading("After compaction: the same queries, " + runs + " run" + (runs == 1 ? "" : "s") + " each");
                    Map<String, QueryTimer.Measured> after = measure(new QueryTimer(connection, runs), queries);

                    heading("KPI snapshots: refresh every one, then read each, " + runs + " run"
                            + (runs == 1 ? "" : "s") + " each");
                    SqlBenchReport.Refresh refresh = refresh(new KpiSnapshots(s -> sql.query(s).rows()));
                    Map<String, QueryTimer.Measured> snapshots = measure(new QueryTimer(connection, runs),
                            kpiQueries(installed.views(), KpiSnapshots.SCHEMA));

                    Map<String, Object> figures = KpiFigures.read(sql);
                    SqlBenchReport report = report(startedAt, machine, write, totals, maintained, maintenanceSeconds,
                            refresh, installed.views(), before, after, snapshots, figures);
                    print(report);
                    Path file = out != null ? out : bench.root().resolve("sql.json");
                    Files.createDirectories(file.toAbsolutePath().getParent());
                    EventJson.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report);
                    System.out.println("figures written to " + file);
                    System.out.println("stopping Trino and PostgreSQL …");
                    boolean failed = report.kpiViews().stream()
                            .anyMatch(v -> v.before().error() != null || v.after().error() != null)
                            || refresh.views().stream().anyMatch(v -> v.error() != null);
                    return failed ? 2 : report.aimMetBySnapshots() ? 0 : 3;
                }
            }
        }
    }

    private void heading(String text) {
        step++;
        System.out.println();
        System.out.println("[" + step + "/" + STEPS + "] " + text);
    }

    private static Connection connect(String jdbcUrl) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", TRINO_USER);
        return DriverManager.getConnection(jdbcUrl, props);
    }

    /** Every installed KPI view, then the lookups (of the member in the middle, enrolled mid-year). */
    private Map<String, QueryTimer.Query> queries(List<String> views) {
        Map<String, QueryTimer.Query> queries = kpiQueries(views, KpiViews.SCHEMA);
        int member = (int) Math.max(20, entries / 40) / 2;
        queries.put(LOOKUP_BY_ID, MemberLookup.byMemberId(SyntheticProgram.PROGRAM,
                SyntheticProgram.memberIdOf(member)));
        queries.put(LOOKUP_BY_EMAIL, MemberLookup.byEmail(SyntheticProgram.PROGRAM, SyntheticProgram.email(member)));
        return queries;
    }

    /** A read of each KPI view, or of its snapshot table: the same name in {@code schema}. */
    private static Map<String, QueryTimer.Query> kpiQueries(List<String> views, String schema) {
        Map<String, QueryTimer.Query> queries = new LinkedHashMap<>();
        for (String view : views) {
            // member_activity is the one row-level view (an activity per row, 8M at 10M entries): fetching every row
            // would time the JDBC transfer, so it is timed as what the activity KPIs do with it, an aggregate that
            // evaluates all of it.
            String text = view.equals(ROW_LEVEL_VIEW)
                    ? "SELECT kind, count(*) AS activities, count(DISTINCT member_id) AS members FROM "
                            + schema + "." + view + " GROUP BY kind"
                    : "SELECT * FROM " + schema + "." + view;
            queries.put(view, trino -> QueryTimer.rows(trino, text));
        }
        return queries;
    }

    private static SqlBenchReport.Refresh refresh(KpiSnapshots snapshots) throws SQLException {
        long started = System.nanoTime();
        List<KpiSnapshots.Refreshed> refreshed = snapshots.refresh();
        double seconds = (System.nanoTime() - started) / 1e9;
        List<SqlBenchReport.RefreshedView> views = new ArrayList<>();
        for (KpiSnapshots.Refreshed r : refreshed) {
            views.add(new SqlBenchReport.RefreshedView(r.view(), r.rows(), r.took().toMillis() / 1000.0, r.error()));
            System.out.printf(Locale.ROOT, "  refreshed %-42s %s%n", r.view(), r.succeeded()
                    ? String.format(Locale.ROOT, "%,d rows in %.1f s", r.rows(), r.took().toMillis() / 1000.0)
                    : "failed: " + r.error());
        }
        System.out.printf(Locale.ROOT, "  refresh took %.1f s%n", seconds);
        return new SqlBenchReport.Refresh(seconds, views);
    }

    static final String LOOKUP_BY_ID = "member by id: balance + 20 latest entries";
    static final String LOOKUP_BY_EMAIL = "member by email: link, balance + 20 latest entries";

    private static Map<String, QueryTimer.Measured> measure(QueryTimer timer, Map<String, QueryTimer.Query> queries) {
        Map<String, QueryTimer.Measured> measured = new LinkedHashMap<>();
        for (Map.Entry<String, QueryTimer.Query> query : queries.entrySet()) {
            QueryTimer.Measured m = timer.time(query.getValue());
            measured.put(query.getKey(), m);
            SqlBenchReport.Timing t = m.timing();
            System.out.printf(Locale.ROOT, "  %-52s %s%n", query.getKey(), t.error() != null
                    ? "failed: " + t.error() : String.format(Locale.ROOT, "first %,d ms, median %,d ms, %,d rows",
                    t.firstMs(), t.medianMs(), m.rows()));
        }
        return measured;
    }

    private SqlBenchReport report(Instant startedAt, Machine machine, SqlBenchReport.Write write,
                                  SyntheticProgram.Totals totals, List<TableReport> maintained,
                                  double maintenanceSeconds, SqlBenchReport.Refresh refresh, List<String> views,
                                  Map<String, QueryTimer.Measured> before, Map<String, QueryTimer.Measured> after,
                                  Map<String, QueryTimer.Measured> snapshots, Map<String, Object> figures) {
        List<SqlBenchReport.ViewLatency> kpi = new ArrayList<>();
        List<SqlBenchReport.ViewLatency> lookups = new ArrayList<>();
        for (String name : before.keySet()) {
            QueryTimer.Measured snapshot = snapshots.get(name);
            SqlBenchReport.ViewLatency latency = new SqlBenchReport.ViewLatency(name, after.get(name).rows(),
                    before.get(name).timing(), after.get(name).timing(), snapshot == null ? null : snapshot.timing());
            (views.contains(name) ? kpi : lookups).add(latency);
        }
        boolean aimMetByViews = kpi.stream().filter(SqlBenchCommand::judged).allMatch(v -> underAim(v.after()));
        boolean aimMetBySnapshots = kpi.stream().filter(SqlBenchCommand::judged)
                .allMatch(v -> underAim(v.snapshot()));
        List<SqlBenchReport.TableFiles> files = maintained.stream().map(SqlBenchCommand::files).toList();
        return new SqlBenchReport("sql", startedAt,
                new SqlBenchReport.Settings(entries, seed, commits, runsBefore, runs, days), machine, write,
                new SqlBenchReport.Generated(totals.members, totals.entries, totals.rawEvents, totals.orders,
                        totals.memberOrders, totals.redemptions, totals.nudges, totals.earn, totals.bonus,
                        totals.clawback, totals.redeem, totals.expire, totals.pointsIssued(), totals.outstanding),
                files, maintenanceSeconds, refresh, kpi, lookups, figures, KpiFigures.match(figures, totals), AIM_MS,
                aimMetByViews, aimMetBySnapshots);
    }

    /**
     * Whether the 3 s aim applies: to every KPI, not to {@code member_activity}, the row-level building block of the
     * activity KPIs (one row per purchase or engagement, 8M at 10M entries), timed as an aggregate over all of it.
     */
    private static boolean judged(SqlBenchReport.ViewLatency v) {
        return !v.name().equals(ROW_LEVEL_VIEW);
    }

    /** Which reads of a KPI meet the aim: its view, its snapshot, both, or neither. */
    private static String aimCell(SqlBenchReport.ViewLatency v) {
        if (!judged(v)) {
            return "(not a KPI)";
        }
        List<String> under = new ArrayList<>();
        if (underAim(v.after())) {
            under.add("view");
        }
        if (underAim(v.snapshot())) {
            under.add("snapshot");
        }
        return under.isEmpty() ? "NO" : String.join(", ", under);
    }

    private static boolean underAim(SqlBenchReport.Timing t) {
        return t != null && t.error() == null && t.medianMs() < AIM_MS;
    }

    private static SqlBenchReport.TableFiles files(TableReport r) {
        TableState b = r.before() == null ? new TableState(-1, -1, -1, -1) : r.before();
        TableState a = r.after() == null ? new TableState(-1, -1, -1, -1) : r.after();
        return new SqlBenchReport.TableFiles(r.table(), b.dataFiles(), a.dataFiles(), b.totalBytes(), a.totalBytes(),
                b.manifests(), a.manifests(), r.took().toMillis() / 1000.0, r.error().orElse(null));
    }

    static void print(SqlBenchReport r) {
        System.out.println();
        System.out.printf(Locale.ROOT, "SQL over %,d ledger entries, %,d members, %,d raw events (%s)%n",
                r.generated().ledgerEntries(), r.generated().members(), r.generated().rawEvents(),
                r.machine().describe());
        System.out.printf(Locale.ROOT, "written in %.1f s: %,d rows, %,d commits, %,d files; maintenance %.1f s;"
                        + " KPI snapshots refreshed in %.1f s%n", r.write().seconds(), r.write().rows(),
                r.write().commits(), r.write().files(), r.maintenanceSeconds(), r.kpiRefresh().seconds());
        TextTable tables = new TextTable("table", "data files before", "after", "MiB before", "after");
        for (SqlBenchReport.TableFiles t : r.tables()) {
            tables.row(t.table(), String.format("%,d", t.dataFilesBefore()), String.format("%,d", t.dataFilesAfter()),
                    mib(t.bytesBefore()), mib(t.bytesAfter()));
        }
        System.out.print(tables.render());
        TextTable latency = new TextTable("query", "rows", "view before: first", "median", "view after: first",
                "median", "snapshot: median", "< " + r.aimMs() / 1000 + " s");
        for (SqlBenchReport.ViewLatency v : r.kpiViews()) {
            latency.row(v.name(), String.format("%,d", v.rows()), ms(v.before(), true), ms(v.before(), false),
                    ms(v.after(), true), ms(v.after(), false), ms(v.snapshot(), false), aimCell(v));
        }
        for (SqlBenchReport.ViewLatency v : r.memberLookup()) {
            latency.row(v.name(), String.format("%,d", v.rows()), ms(v.before(), true), ms(v.before(), false),
                    ms(v.after(), true), ms(v.after(), false), "", "");
        }
        System.out.print(latency.render());
        System.out.println("KPI figures " + (r.kpiMatchGenerated() ? "match" : "DO NOT match")
                + " the generated program: " + r.kpiFigures());
        List<SqlBenchReport.ViewLatency> kpis = r.kpiViews().stream().filter(SqlBenchCommand::judged).toList();
        System.out.printf(Locale.ROOT, "KPI views under %d s after compaction: %d of %d%n", r.aimMs() / 1000,
                kpis.stream().filter(v -> underAim(v.after())).count(), kpis.size());
        System.out.println(r.aimMetBySnapshots() ? "aim met: every KPI read from its snapshot in under "
                + r.aimMs() / 1000 + " s" : "aim missed: a KPI snapshot takes " + r.aimMs() / 1000 + " s or more to read");
    }

    private static String ms(SqlBenchReport.Timing t, boolean first) {
        if (t == null) {
            return "";
        }
        if (t.error() != null) {
            return "failed";
        }
        return String.format(Locale.ROOT, "%,d ms", first ? t.firstMs() : t.medianMs());
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }
}
