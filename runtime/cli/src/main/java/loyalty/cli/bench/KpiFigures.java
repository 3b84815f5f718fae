package loyalty.cli.bench;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import loyalty.lakehouse.kpi.KpiViews;
import loyalty.stack.trino.QueryResult;
import loyalty.stack.trino.TrinoSql;

/**
 * The headline KPI figures of the synthetic program, read back through the views, and whether they are the
 * generator's own sums: timing views that compute something else would measure nothing.
 */
final class KpiFigures {
    private KpiFigures() {
    }

    static Map<String, Object> read(TrinoSql sql) throws SQLException {
        Map<String, Object> figures = new LinkedHashMap<>();
        String program = "'" + SyntheticProgram.PROGRAM + "'";
        put(figures, sql.query("SELECT members, liability_points, pending_points, redemption_rate, breakage_rate"
                + " FROM " + KpiViews.SCHEMA + ".program_summary WHERE program = " + program));
        put(figures, sql.query("SELECT points_issued, points_redeemed FROM " + KpiViews.SCHEMA
                + ".redemption_rate WHERE program = " + program));
        put(figures, sql.query("SELECT points_expired FROM " + KpiViews.SCHEMA + ".breakage WHERE program = "
                + program));
        put(figures, sql.query("SELECT sum(orders) AS orders FROM " + KpiViews.SCHEMA
                + ".average_order_value WHERE program = " + program));
        return figures;
    }

    private static void put(Map<String, Object> figures, QueryResult result) {
        for (String column : result.columns()) {
            figures.put(column, result.rowCount() == 0 ? null : result.value(0, column));
        }
    }

    static boolean match(Map<String, Object> figures, SyntheticProgram.Totals totals) {
        return same(figures.get("members"), totals.members)
                && same(figures.get("points_issued"), totals.pointsIssued())
                && same(figures.get("points_redeemed"), -totals.redeem)
                && same(figures.get("points_expired"), -totals.expire)
                && same(figures.get("liability_points"), totals.outstanding)
                && same(figures.get("orders"), totals.orders);
    }

    private static boolean same(Object figure, long expected) {
        return figure instanceof Number n && Objects.equals(n.longValue(), expected);
    }
}
