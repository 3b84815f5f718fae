package loyalty.lakehouse.maintenance;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import loyalty.lakehouse.table.TableDefinition;
import loyalty.lakehouse.table.TableDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the lakehouse's Iceberg tables cheap to read: streaming jobs commit every checkpoint, so a table gathers
 * many small data files, many manifests and a snapshot per commit. For each table this runs Trino's table
 * procedures, in an order where each step leaves less for the next: compact small data files ({@code optimize}, in
 * time slices where the table has more partitions than one Trino statement may write: {@link Compaction}),
 * rewrite manifests ({@code optimize_manifests}), expire snapshots older than the retention
 * ({@code expire_snapshots}, which also deletes the files only they referenced), then delete files no snapshot knows
 * ({@code remove_orphan_files}: leftovers of failed writes). Rows never change: compaction commits a snapshot with
 * the same rows in fewer files.
 */
public final class LakehouseMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(LakehouseMaintenance.class);
    /** Trino's Iceberg $files content code of data files (1 and 2 are position and equality deletes). */
    private static final int DATA_FILE_CONTENT = 0;

    private final SqlEngine sql;
    private final String catalog;
    private final MaintenancePolicy policy;
    private final Compaction compaction;

    /**
     * @param catalog the Trino catalog of the lakehouse ({@code iceberg})
     */
    public LakehouseMaintenance(SqlEngine sql, String catalog, MaintenancePolicy policy) {
        this.sql = sql;
        this.catalog = catalog;
        this.policy = policy;
        this.compaction = new Compaction(sql);
    }

    /**
     * Every table of the catalog as {@code schema.table}: the platform's own ({@link TableDefinitions#all()}) first,
     * in that order, then any other (replays' and simulations' namespaces, tables added by later issues), by name.
     * Views are not tables and are left out.
     */
    public List<String> tables() throws SQLException {
        Set<String> existing = new TreeSet<>();
        for (List<Object> row : sql.rows("SELECT table_schema, table_name FROM " + catalog
                + ".information_schema.tables WHERE table_type = 'BASE TABLE'"
                // Trino's Iceberg connector keeps its procedures in schema "system", where it also lists the JDBC
                // catalog's own bookkeeping table; neither is a lakehouse table.
                + " AND table_schema NOT IN ('information_schema', 'system')")) {
            existing.add(row.get(0) + "." + row.get(1));
        }
        List<String> ordered = new ArrayList<>();
        for (TableDefinition definition : TableDefinitions.all()) {
            String name = definition.id().toString();
            if (existing.remove(name)) {
                ordered.add(name);
            }
        }
        ordered.addAll(existing);
        return ordered;
    }

    /** Maintains every table of {@link #tables()}; one table's failure is reported and the others still run. */
    public List<TableReport> maintainAll() throws SQLException {
        List<TableReport> reports = new ArrayList<>();
        for (String table : tables()) {
            reports.add(maintain(table));
        }
        return reports;
    }

    /** @param table {@code schema.table} in the catalog */
    public TableReport maintain(String table) {
        long started = System.nanoTime();
        String qualified = qualified(table);
        TableState before = null;
        TableState after = null;
        Optional<String> error = Optional.empty();
        try {
            before = stateOf(qualified);
            if (before.snapshots() == 0) {
                // Never written: nothing to compact or expire (and Trino's optimize_manifests fails without a
                // current snapshot).
                return new TableReport(table, before, before, Duration.ofNanos(System.nanoTime() - started),
                        Optional.empty());
            }
            compaction.optimize(qualified, "file_size_threshold => '" + policy.smallFileBytes() + "B'");
            execute(qualified, "optimize_manifests");
            execute(qualified, "expire_snapshots(retention_threshold => '" + seconds(policy.snapshotRetention())
                    + "')");
            execute(qualified, "remove_orphan_files(retention_threshold => '" + seconds(policy.orphanRetention())
                    + "')");
            after = stateOf(qualified);
        } catch (SQLException e) {
            // A commit racing a streaming job's, or a retention below the catalog's minimum: the table stays
            // valid (every step is one atomic commit) and the next run tries again.
            error = Optional.of(e.getMessage());
            LOG.warn("event=maintenance_failed table={} error={}", table, e.getMessage());
            after = before == null ? null : stateOrNull(qualified); // what the steps that succeeded achieved
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (error.isEmpty()) {
            LOG.info("event=table_maintained table={} data_files={}->{} bytes={}->{} manifests={}->{}"
                            + " snapshots={}->{} millis={}", table, before.dataFiles(), after.dataFiles(),
                    before.totalBytes(), after.totalBytes(), before.manifests(), after.manifests(),
                    before.snapshots(), after.snapshots(), took.toMillis());
        }
        return new TableReport(table, before, after, took, error);
    }

    /** The state of one table ({@code schema.table}), from Iceberg's metadata tables as Trino exposes them. */
    public TableState state(String table) throws SQLException {
        return stateOf(qualified(table));
    }

    private TableState stateOf(String qualified) throws SQLException {
        List<Object> files = sql.rows("SELECT count(*), coalesce(sum(file_size_in_bytes), 0) FROM "
                + Compaction.metadataTable(qualified, "files") + " WHERE content = " + DATA_FILE_CONTENT).get(0);
        long manifests = count(Compaction.metadataTable(qualified, "manifests"));
        long snapshots = count(Compaction.metadataTable(qualified, "snapshots"));
        return new TableState(((Number) files.get(0)).longValue(), ((Number) files.get(1)).longValue(), manifests,
                snapshots);
    }

    private TableState stateOrNull(String qualified) {
        try {
            return stateOf(qualified);
        } catch (SQLException e) {
            return null;
        }
    }

    private void execute(String qualified, String procedure) throws SQLException {
        sql.rows("ALTER TABLE " + qualified + " EXECUTE " + procedure);
    }

    /** {@code "iceberg"."schema"."table"}: quoted, so names that need it (or reserved words) still work. */
    private String qualified(String table) {
        int dot = table.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("a table is named schema.table: " + table);
        }
        return quote(catalog) + "." + quote(table.substring(0, dot)) + "." + quote(table.substring(dot + 1));
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Trino's duration syntax; whole seconds are as fine as retention needs. */
    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }

    private long count(String table) throws SQLException {
        return ((Number) sql.rows("SELECT count(*) FROM " + table).get(0).get(0)).longValue();
    }
}
