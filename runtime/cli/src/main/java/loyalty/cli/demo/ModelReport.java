package loyalty.cli.demo;

import java.util.Locale;
import java.util.Optional;
import loyalty.cli.console.TextTable;
import loyalty.stack.trino.QueryResult;
import loyalty.stack.trino.TrinoSql;

/**
 * The models the demo trained, each beside the recency baseline of the same version: holdout AUC-ROC, AUC-PR, the
 * top decile's lift and the gain over the baseline, read back from the {@code ml.models} registry through Trino (so
 * the summary shows what was registered, not what the trainer meant to register).
 */
final class ModelReport {
    static final String QUERY = "WITH latest AS (SELECT name, max(CAST(version AS integer)) AS version"
            + " FROM iceberg.ml.models GROUP BY name),"
            + " trained AS (SELECT m.* FROM iceberg.ml.models m JOIN latest l"
            + " ON m.name = l.name AND CAST(m.version AS integer) = l.version)"
            + " SELECT t.name AS model, t.kind, t.version,"
            + " CAST(json_extract_scalar(t.metrics, '$.positive_rate') AS double) AS positive_rate,"
            + " t.auc_roc,"
            + " CAST(json_extract_scalar(t.metrics, '$.auc_pr') AS double) AS auc_pr,"
            + " CAST(json_extract_scalar(t.metrics, '$.deciles[0].lift') AS double) AS top_decile_lift,"
            + " t.auc_roc - b.auc_roc AS auc_roc_vs_baseline,"
            + " t.selected"
            + " FROM trained t JOIN trained b ON b.name = t.name AND b.kind = 'recency_baseline'"
            + " ORDER BY t.name, t.kind = 'recency_baseline' DESC, t.kind";

    private ModelReport() {
    }

    /** The registry's newest version per model, or empty when it cannot be read (no Trino, or nothing trained). */
    static Optional<QueryResult> read(TrinoSql trino) {
        return OptionalQuery.run(trino, QUERY);
    }

    static void print(Optional<QueryResult> models) {
        System.out.println();
        if (models.isEmpty() || models.get().rowCount() == 0) {
            System.out.println("models: none registered (training skipped or failed; ./loyalty train)");
            return;
        }
        QueryResult r = models.get();
        System.out.println("Models on the time-based holdout, beside the recency baseline (iceberg.ml.models;"
                + " selected = the one scoring uses)");
        TextTable table = new TextTable(r.columns().stream().map(c -> c.replace('_', ' ')).toArray(String[]::new));
        for (int row = 0; row < r.rowCount(); row++) {
            Object[] cells = new Object[r.columns().size()];
            for (int c = 0; c < cells.length; c++) {
                Object value = r.value(row, r.columns().get(c));
                cells[c] = value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d)
                        : value == null ? "–" : value;
            }
            table.row(cells);
        }
        System.out.print(table.render());
    }
}
