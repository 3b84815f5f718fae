package loyalty.lakehouse.kpi;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import loyalty.lakehouse.maintenance.SqlEngine;

/**
 * The KPI views' results kept as Iceberg tables, schema {@code iceberg.kpi_snapshot}, one table per installed view
 * with the view's name and columns, for dashboards: a view computes from every ledger entry and raw event on each
 * read (tens of seconds at ten million entries on a small machine), a snapshot table is read in milliseconds.
 *
 * <p>A refresh replaces each table in the views' installation order ({@code CREATE OR REPLACE TABLE … AS}, one
 * atomic Iceberg commit per table, so a reader sees the old figures or the new, never none). A view's query reads
 * the snapshots of the views it uses, refreshed just before it, instead of those views: {@code member_activity} is
 * computed once per refresh rather than once per activity KPI, and the summary takes its columns from the tables
 * of the same refresh. Trino cannot make materialized views on a JDBC catalog ("createMaterializedView is not
 * supported for Iceberg JDBC catalogs"), hence tables. Each replacement is a snapshot of its table, so the figures
 * of any past refresh stay readable with {@code FOR TIMESTAMP AS OF} until table maintenance expires them, and a
 * table's newest snapshot ({@code "program_summary$snapshots"}) says when it was refreshed.
 */
public final class KpiSnapshots {
    /** Where the snapshot tables live: schema {@code kpi_snapshot} of the lakehouse's Trino catalog. */
    public static final String SCHEMA = "iceberg.kpi_snapshot";

    private final SqlEngine sql;

    public KpiSnapshots(SqlEngine sql) {
        this.sql = sql;
    }

    /** One view's refresh: its rows and time, or the error that left its previous snapshot in place. */
    public record Refreshed(String view, long rows, Duration took, String error) {
        public boolean succeeded() {
            return error == null;
        }
    }

    /**
     * Refreshes the snapshot of every KPI view installed in {@link KpiViews#SCHEMA} (a view skipped for a missing
     * table has none). A view that fails keeps its previous snapshot; views that use it then read the live view.
     */
    public List<Refreshed> refresh() throws SQLException {
        Set<String> installed = new HashSet<>();
        for (List<Object> row : sql.rows("SELECT table_name FROM iceberg.information_schema.views"
                + " WHERE table_schema = 'kpi'")) {
            installed.add(String.valueOf(row.get(0)));
        }
        sql.rows("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        List<Refreshed> results = new ArrayList<>();
        Set<String> refreshed = new HashSet<>();
        for (KpiView view : KpiViews.definitions()) {
            if (!installed.contains(view.name())) {
                continue;
            }
            long started = System.nanoTime();
            try {
                List<List<Object>> rows = sql.rows(statement(view, refreshed));
                long count = updateCount(rows);
                refreshed.add(view.name());
                results.add(new Refreshed(view.name(), count, Duration.ofNanos(System.nanoTime() - started), null));
            } catch (SQLException e) {
                results.add(new Refreshed(view.name(), 0, Duration.ofNanos(System.nanoTime() - started),
                        e.getMessage()));
            }
        }
        return results;
    }

    /** The rows a CREATE TABLE AS wrote: the update count, the last value of the one row it answers with. */
    private static long updateCount(List<List<Object>> rows) {
        if (rows.isEmpty() || rows.get(0).isEmpty()) {
            return 0;
        }
        List<Object> row = rows.get(0);
        return row.get(row.size() - 1) instanceof Number n ? n.longValue() : 0;
    }

    /**
     * The statement that replaces {@code view}'s snapshot table: its query, reading {@code iceberg.kpi_snapshot.x}
     * wherever it reads a view {@code iceberg.kpi.x} already refreshed in this run.
     */
    static String statement(KpiView view, Set<String> refreshed) {
        return "CREATE OR REPLACE TABLE " + SCHEMA + "." + view.name() + " COMMENT '"
                + ("Snapshot of " + KpiViews.SCHEMA + "." + view.name() + ": " + view.description()).replace("'", "''")
                + "' AS\n" + readingSnapshots(view.query(), refreshed);
    }

    private static final Pattern VIEW_REFERENCE = Pattern.compile(
            Pattern.quote(KpiViews.SCHEMA + ".") + "([a-z][a-z0-9_]*)\\b");

    static String readingSnapshots(String query, Set<String> refreshed) {
        Matcher m = VIEW_REFERENCE.matcher(query);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String target = refreshed.contains(m.group(1)) ? SCHEMA + "." + m.group(1) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(target));
        }
        m.appendTail(out);
        return out.toString();
    }
}
