package loyalty.cli.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Times queries on one Trino connection: each runs {@code runs} times in a row, every row read, so the first run
 * shows a cold start (metadata and file footers not cached yet) and the median the steady state.
 */
final class QueryTimer {
    private final Connection trino;
    private final int runs;

    QueryTimer(Connection trino, int runs) {
        this.trino = trino;
        this.runs = runs;
    }

    /** Something to time: returns the rows it read. */
    @FunctionalInterface
    interface Query {
        long run(Connection trino) throws SQLException;
    }

    record Measured(long rows, SqlBenchReport.Timing timing) {
    }

    Measured time(Query query) {
        List<Long> millis = new ArrayList<>();
        long rows = -1;
        try {
            for (int i = 0; i < runs; i++) {
                long started = System.nanoTime();
                rows = query.run(trino);
                millis.add((System.nanoTime() - started) / 1_000_000);
            }
        } catch (SQLException e) {
            // a view that fails (memory limit, say) is reported as such; the others are still measured
            return new Measured(rows, new SqlBenchReport.Timing(-1, -1, millis, e.getMessage()));
        }
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        return new Measured(rows, new SqlBenchReport.Timing(millis.get(0), sorted.get(sorted.size() / 2), millis,
                null));
    }

    /** Every row of {@code sql}, parameters bound in order. */
    static long rows(Connection trino, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = trino.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            long rows = 0;
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int c = 1; c <= columns; c++) {
                        rs.getObject(c);
                    }
                    rows++;
                }
            }
            return rows;
        }
    }

    /** The first column of the first row, or null. */
    static String first(Connection trino, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = trino.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
