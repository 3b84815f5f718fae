package loyalty.cli.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import loyalty.cli.console.TextTable;
import loyalty.lakehouse.kpi.KpiViews;
import loyalty.stack.trino.QueryResult;
import loyalty.stack.trino.TrinoSql;

/**
 * The end of the demo's summary: the program's headline KPIs read from Trino's {@code kpi.program_summary} view,
 * one KPI per line (the view has a column per KPI, too wide to print as it is).
 */
final class KpiReport {
    private KpiReport() {
    }

    /** The view's rows, or empty when it cannot be read (no Trino, or the views were not installed). */
    static Optional<QueryResult> read(TrinoSql trino) {
        return OptionalQuery.run(trino, "SELECT * FROM " + KpiViews.SCHEMA + ".program_summary ORDER BY program");
    }

    static void print(Optional<QueryResult> kpis) {
        System.out.println();
        if (kpis.isEmpty() || kpis.get().rowCount() == 0) {
            System.out.println("KPIs: not read (Trino not running, or iceberg.kpi not installed: ./loyalty kpi install)");
            return;
        }
        QueryResult r = kpis.get();
        System.out.println("Program KPIs (" + KpiViews.SCHEMA + ".program_summary, read from Trino;"
                + " definitions in lakehouse/KPI.md)");
        List<String> headers = new ArrayList<>(List.of("kpi"));
        for (int row = 0; row < r.rowCount(); row++) {
            headers.add(String.valueOf(r.value(row, "program")));
        }
        TextTable table = new TextTable(headers.toArray(String[]::new));
        for (String column : r.columns()) {
            if (column.equals("program")) {
                continue;
            }
            List<Object> cells = new ArrayList<>(List.of(column.replace('_', ' ')));
            for (int row = 0; row < r.rowCount(); row++) {
                cells.add(format(r.value(row, column)));
            }
            table.row(cells.toArray());
        }
        System.out.print(table.render());
    }

    private static Object format(Object value) {
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Double d) {
            return String.format(java.util.Locale.ROOT, "%.4f", d);
        }
        return value == null ? "–" : value;
    }
}
