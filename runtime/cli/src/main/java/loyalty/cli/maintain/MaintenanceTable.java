package loyalty.cli.maintain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import loyalty.lakehouse.maintenance.TableReport;
import loyalty.lakehouse.maintenance.TableState;
import loyalty.stack.trino.QueryResult;

/** The reports of a maintenance run as one row per table, each figure as "before -> after". */
final class MaintenanceTable {
    static final List<String> COLUMNS = List.of("table", "data_files", "bytes", "manifests", "snapshots", "seconds",
            "error");

    private MaintenanceTable() {
    }

    static QueryResult of(List<TableReport> reports) {
        List<List<Object>> rows = new ArrayList<>();
        for (TableReport r : reports) {
            rows.add(Arrays.asList(r.table(),
                    change(r, TableState::dataFiles), change(r, TableState::totalBytes),
                    change(r, TableState::manifests), change(r, TableState::snapshots),
                    BigDecimal.valueOf(r.took().toMillis()).movePointLeft(3).setScale(1, RoundingMode.HALF_UP),
                    r.error().orElse(null)));
        }
        return new QueryResult(COLUMNS, rows);
    }

    /** A failed table may have no state after (or none at all, when even reading it failed). */
    private static String change(TableReport r, ToLongFunction<TableState> figure) {
        String before = r.before() == null ? "?" : Long.toString(figure.applyAsLong(r.before()));
        String after = r.after() == null ? "?" : Long.toString(figure.applyAsLong(r.after()));
        return before + " -> " + after;
    }
}
