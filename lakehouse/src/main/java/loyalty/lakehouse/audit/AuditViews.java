package loyalty.lakehouse.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import loyalty.lakehouse.kpi.KpiView;
import loyalty.lakehouse.kpi.KpiViews;
import loyalty.lakehouse.kpi.ViewFolder;

/**
 * Installs the audit views of schema {@code iceberg.audit} (who did what, when and why: merges, conflicts, manual
 * adjustments, redemptions, rule set publications, erasures; lakehouse/AUDIT.md) through Trino, from the SQL files
 * under {@code loyalty/lakehouse/audit/}, the same way {@link KpiViews} installs the KPI views. The schema also holds
 * tables ({@code audit.rule_set_publications}, {@code audit.erasures}); rules.json lets only admins read it.
 */
public final class AuditViews {
    public static final String SCHEMA = "iceberg.audit";

    /** In order: a view may only use views listed before it. AuditViewsTest checks this list against the folder. */
    static final List<String> FILES = List.of(
            "01_merges.sql",
            "02_conflicts.sql",
            "03_adjustments.sql",
            "04_redemptions.sql",
            "05_rule_sets.sql",
            "06_erasures_log.sql",
            "07_late_arrivals.sql");

    static final String FOLDER = "/loyalty/lakehouse/audit/";

    private static final ViewFolder VIEWS = new ViewFolder(SCHEMA, FOLDER, FILES);

    private AuditViews() {
    }

    public static List<KpiView> definitions() {
        return VIEWS.definitions();
    }

    /** Opens a connection as {@code user} (an admin: the schema is theirs) and installs the views. */
    public static KpiViews.Installed install(String trinoJdbcUrl, String user) throws SQLException {
        return VIEWS.install(trinoJdbcUrl, user);
    }

    public static KpiViews.Installed install(Connection trino) throws SQLException {
        return VIEWS.install(trino);
    }
}
