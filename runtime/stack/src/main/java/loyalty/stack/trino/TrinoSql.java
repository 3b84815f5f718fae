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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Runs one SQL statement on Trino through its JDBC driver, as a named user, and returns the whole result. Meant for
 * people and small answers ({@code loyalty sql "..."}), not bulk reads: every row is held in memory.
 */
public final class TrinoSql {
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
