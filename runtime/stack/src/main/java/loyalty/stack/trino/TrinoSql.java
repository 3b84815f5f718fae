package loyalty.stack.trino;

import io.trino.jdbc.TrinoStatement;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Runs one SQL statement on Trino through its JDBC driver, as a named user, and returns the whole result. Meant for
 * people and small answers ({@code loyalty sql "..."}), not bulk reads: every row is held in memory.
 */
public final class TrinoSql {
    /** Trino's StandardErrorCode.NO_NODES_AVAILABLE (0x0001_0005). */
    static final int NO_NODES_AVAILABLE = 0x0001_0005;
    private static final Duration NO_NODES_GRACE = Duration.ofSeconds(30);

    private final String jdbcUrl;
    private final String user;

    /**
     * @param jdbcUrl e.g. {@link TrinoServer#jdbcUrl()}
     * @param user    the Trino user the query runs as (no password: the local server has no authentication)
     */
    public TrinoSql(String jdbcUrl, String user) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    /**
     * @throws SQLException with Trino's own message (e.g. "line 1:8: Column 'x' cannot be resolved") when the
     *                      statement fails, or when Trino cannot be reached
     */
    public QueryResult query(String sql) throws SQLException {
        long deadline = System.nanoTime() + NO_NODES_GRACE.toNanos();
        while (true) {
            try {
                return runOnce(sql);
            } catch (SQLException e) {
                if (!isNoNodesYet(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                // Scheduling failed before any work ran, so running the statement again is safe.
                sleepBriefly();
            }
        }
    }

    /**
     * Right after start-up a single-node Trino can see itself as an active node while the scheduler's per-catalog
     * node map (refreshed every few seconds) is still empty; queries then fail with NO_NODES_AVAILABLE, or, when a
     * writer stage picks its nodes, with an internal "nodes is empty".
     */
    static boolean isNoNodesYet(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return e.getErrorCode() == NO_NODES_AVAILABLE || message.contains("No nodes available to run query")
                || message.endsWith("nodes is empty");
    }

    private static void sleepBriefly() throws SQLException {
        try {
            Thread.sleep(500);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for Trino's workers", interrupted);
        }
    }

    private QueryResult runOnce(String sql) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, props);
             Statement statement = connection.createStatement()) {
            if (statement.execute(sql)) {
                try (ResultSet rs = statement.getResultSet()) {
                    return read(rs);
                }
            }
            String kind = statement.unwrap(TrinoStatement.class).getUpdateType();
            return QueryResult.updateCount(kind == null ? "UPDATE" : kind, Math.max(0, statement.getLargeUpdateCount()));
        }
    }

    private static QueryResult read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int count = meta.getColumnCount();
        List<String> columns = new ArrayList<>(count);
        for (int c = 1; c <= count; c++) {
            columns.add(meta.getColumnLabel(c));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(count);
            for (int c = 1; c <= count; c++) {
                row.add(value(rs, c, meta.getColumnType(c)));
            }
            rows.add(row);
        }
        return new QueryResult(columns, rows);
    }

    private static Object value(ResultSet rs, int column, int sqlType) throws SQLException {
        switch (sqlType) {
            case Types.DATE, Types.TIME, Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                // Trino's text keeps the zone and full precision; java.sql types would shift to the JVM's zone.
                return rs.getString(column);
            }
            case Types.ARRAY -> {
                Array array = rs.getArray(column);
                return array == null ? null : toList(array.getArray());
            }
            default -> {
                return rs.getObject(column);
            }
        }
    }

    private static List<Object> toList(Object array) {
        return array instanceof Object[] values ? Arrays.asList(values) : List.of(array);
    }
}
