package loyalty.lakehouse.kpi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Installs the KPI views of schema {@code iceberg.kpi} through Trino: reads the SQL files under
 * {@code loyalty/lakehouse/kpi/} in their numbered order (later views use earlier ones) and runs
 * {@code CREATE OR REPLACE VIEW} for each, so installing again, or over an older version, is harmless.
 *
 * <p>The views are Iceberg views in the same JDBC catalog as the tables: Trino's Iceberg connector stores them
 * there (trinodb/trino#22576; it needs the catalog's {@code V1} schema, which {@code LakehouseConfig} and Trino 476
 * both use). Other engines on the catalog see their names, but the SQL is stored in the {@code trino} dialect only.
 * A view whose file says {@code -- requires: t} is skipped while table {@code t} is missing (the nudge lift view
 * before the nudge job has created its table) and created by the next install after it appears.
 */
public final class KpiViews {
    /** Where the views live: the Trino catalog of the lakehouse, namespace {@code kpi} of the Iceberg catalog. */
    public static final String SCHEMA = "iceberg.kpi";

    /** In order: a view may only use views listed before it. KpiViewsTest checks this list against the folder. */
    static final List<String> FILES = List.of(
            "01_as_of.sql",
            "02_member_activity.sql",
            "03_active_member_rate.sql",
            "04_repeat_purchase_rate.sql",
            "05_redemption_rate.sql",
            "06_breakage.sql",
            "07_outstanding_liability.sql",
            "08_redemption_velocity.sql",
            "09_average_order_value.sql",
            "10_cohort_retention.sql",
            "11_tier_distribution.sql",
            "12_tier_movements.sql",
            "13_program_attributed_revenue.sql",
            "14_nudge_lift.sql",
            "15_program_summary.sql");

    static final String FOLDER = "/loyalty/lakehouse/kpi/";

    private KpiViews() {
    }

    /** What an install of a {@link ViewFolder} did: views created or replaced, views skipped with the missing table. */
    public record Installed(List<String> views, Map<String, String> skipped) {
        public Installed {
            views = List.copyOf(views);
            skipped = Map.copyOf(skipped);
        }
    }

    private static final ViewFolder VIEWS = new ViewFolder(SCHEMA, FOLDER, FILES);

    /** Every view definition, in installation order. */
    public static List<KpiView> definitions() {
        return VIEWS.definitions();
    }

    /** Opens a connection as {@code user} (no password: as the local Trino) and installs the views. */
    public static Installed install(String trinoJdbcUrl, String user) throws SQLException {
        return VIEWS.install(trinoJdbcUrl, user);
    }

    /**
     * Creates schema {@code iceberg.kpi} if missing and (re)creates every view whose required tables exist.
     *
     * @throws SQLException with Trino's message when a view does not compile against the tables (a column renamed
     *                      under it, say); the views before it stay installed
     */
    public static Installed install(Connection trino) throws SQLException {
        return VIEWS.install(trino);
    }
}
