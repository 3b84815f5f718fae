package loyalty.cli.demo;

import java.sql.SQLException;
import java.util.Optional;
import loyalty.stack.trino.QueryResult;
import loyalty.stack.trino.TrinoSql;

/**
 * A summary table read from Trino that the demo can do without: empty without Trino, or when the query fails (a
 * view not installed, nothing trained), and the summary says so instead of failing.
 */
final class OptionalQuery {
    private OptionalQuery() {
    }

    static Optional<QueryResult> run(TrinoSql trino, String sql) {
        if (trino == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(trino.query(sql));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }
}
