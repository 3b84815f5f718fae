package loyalty.cli.demo;

import java.util.Optional;
import loyalty.cli.console.TextTable;
import loyalty.stack.trino.QueryResult;
import loyalty.stack.trino.TrinoSql;

/** Nudges by type: delivered, and suppressed by reason (SPEC §10 gates), from {@code ledger.nudges} via Trino. */
final class NudgeReport {
    static final String QUERY = "SELECT type,"
            + " count_if(status = 'DELIVERED') AS delivered,"
            + " count_if(reason = 'not_enrolled') AS not_enrolled,"
            + " count_if(reason = 'holdout') AS holdout,"
            + " count_if(reason = 'no_consent') AS no_consent,"
            + " count_if(reason = 'frequency_cap') AS frequency_cap,"
            + " count(*) AS total"
            + " FROM iceberg.ledger.nudges GROUP BY type ORDER BY type";

    private NudgeReport() {
    }

    static Optional<QueryResult> read(TrinoSql trino) {
        return OptionalQuery.run(trino, QUERY);
    }

    static void print(Optional<QueryResult> nudges) {
        System.out.println();
        if (nudges.isEmpty()) {
            System.out.println("nudges: not read (Trino not running)");
            return;
        }
        QueryResult r = nudges.get();
        System.out.println("Nudges by type — delivered, and suppressed by reason (iceberg.ledger.nudges)");
        TextTable table = new TextTable(r.columns().toArray(String[]::new));
        long[] totals = new long[r.columns().size() - 1];
        for (int row = 0; row < r.rowCount(); row++) {
            Object[] cells = new Object[r.columns().size()];
            cells[0] = r.value(row, "type");
            for (int c = 1; c < cells.length; c++) {
                long n = ((Number) r.value(row, r.columns().get(c))).longValue();
                cells[c] = n;
                totals[c - 1] += n;
            }
            table.row(cells);
        }
        Object[] last = new Object[r.columns().size()];
        last[0] = "total";
        for (int c = 1; c < last.length; c++) {
            last[c] = totals[c - 1];
        }
        table.row(last);
        System.out.print(table.render());
    }
}
