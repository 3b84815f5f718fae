package loyalty.lakehouse.kpi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A folder of versioned SQL view files ({@link KpiView} format) installed into one Trino schema: the KPI views
 * ({@link KpiViews}) and the audit views ({@code loyalty.lakehouse.audit.AuditViews}) share it, so both install the
 * same way: {@code CREATE OR REPLACE VIEW} in file order, a view skipped while a table it requires is missing.
 *
 * @param schema   {@code catalog.schema} the views go to, created if missing
 * @param resource the classpath folder, e.g. {@code /loyalty/lakehouse/kpi/}
 * @param files    the file names in installation order: a view may only use views listed before it
 */
public record ViewFolder(String schema, String resource, List<String> files) {
    public ViewFolder {
        files = List.copyOf(files);
    }

    /** Every view definition, in installation order. */
    public List<KpiView> definitions() {
        List<KpiView> views = new ArrayList<>();
        for (String file : files) {
            views.add(KpiView.parse(file, resource(file)));
        }
        return views;
    }

    /** Opens a connection as {@code user} (no password: as the local Trino) and installs the views. */
    public KpiViews.Installed install(String trinoJdbcUrl, String user) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        try (Connection trino = DriverManager.getConnection(trinoJdbcUrl, props)) {
            return install(trino);
        }
    }

    /**
     * Creates the schema if missing and (re)creates every view whose required tables exist.
     *
     * @throws SQLException with Trino's message when a view does not compile against the tables (a column renamed
     *                      under it, say); the views before it stay installed
     */
    public KpiViews.Installed install(Connection trino) throws SQLException {
        List<String> created = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        try (Statement statement = trino.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            for (KpiView view : definitions()) {
                String missing = firstMissing(statement, view.requiredTables());
                if (missing != null) {
                    skipped.put(view.name(), missing);
                    continue;
                }
                statement.execute(view.createOrReplace(schema));
                created.add(view.name());
            }
        }
        return new KpiViews.Installed(created, skipped);
    }

    private static String firstMissing(Statement statement, List<String> tables) throws SQLException {
        for (String table : tables) {
            String[] parts = table.split("\\.");
            if (parts.length != 3) {
                throw new IllegalArgumentException("required table " + table + " is not catalog.schema.table");
            }
            String sql = "SELECT count(*) FROM " + parts[0] + ".information_schema.tables WHERE table_schema = '"
                    + parts[1] + "' AND table_name = '" + parts[2] + "'";
            try (ResultSet rs = statement.executeQuery(sql)) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return table;
                }
            }
        }
        return null;
    }

    private String resource(String file) {
        try (InputStream in = ViewFolder.class.getResourceAsStream(resource + file)) {
            if (in == null) {
                throw new IllegalStateException("view file " + resource + file + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
