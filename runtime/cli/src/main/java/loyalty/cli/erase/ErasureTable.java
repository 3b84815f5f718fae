package loyalty.cli.erase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import loyalty.lakehouse.erasure.ErasureReport;
import loyalty.stack.trino.QueryResult;

/** An erasure as one row per table it changed: rows changed, files and snapshots before -> after. */
final class ErasureTable {
    static final List<String> COLUMNS = List.of("table", "rows_changed", "files", "files_rewritten", "snapshots");

    private ErasureTable() {
    }

    static String summary(ErasureReport r) {
        return "Erased " + r.membersErased() + " profile(s) in program " + r.program() + "; their rows now carry "
                + r.pseudonym() + " (erasure " + r.erasureId() + ", "
                + BigDecimal.valueOf(r.took().toMillis()).movePointLeft(3).setScale(1, RoundingMode.HALF_UP)
                + " s): " + r.filesRewritten() + " files rewritten, " + r.snapshotsExpired()
                + " snapshots expired.\n";
    }

    static QueryResult of(ErasureReport report) {
        Map<String, ErasureReport.TableRewrite> rewrites = new LinkedHashMap<>();
        report.tables().forEach(t -> rewrites.put(t.table(), t));
        List<List<Object>> rows = new ArrayList<>();
        report.rowsChanged().forEach((table, changed) -> {
            ErasureReport.TableRewrite t = rewrites.get(table);
            rows.add(Arrays.asList(table, changed,
                    t == null ? null : t.filesBefore() + " -> " + t.filesAfter(),
                    t == null ? null : t.filesRewritten(),
                    t == null ? null : t.snapshotsRewritten() + " -> " + t.snapshotsAfter()));
        });
        return new QueryResult(COLUMNS, rows);
    }
}
