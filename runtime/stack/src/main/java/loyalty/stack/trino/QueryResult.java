package loyalty.stack.trino;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a SQL statement returned: column names and rows of plain Java values (null for SQL NULL). Numbers stay
 * numbers (Long, Integer, BigDecimal, Double, ...), dates and timestamps are Trino's own text (e.g.
 * {@code 2026-01-05 12:00:00.000000 UTC}), arrays are Lists. A statement without rows (INSERT, CREATE ...) gives
 * one row: {@code statement} (its kind) and {@code rows} (the update count).
 */
public record QueryResult(List<String> columns, List<List<Object>> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        List<List<Object>> copies = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " values for " + columns.size()
                        + " columns");
            }
            // List.copyOf refuses nulls, and NULL is a value here.
            copies.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copies);
    }

    static QueryResult updateCount(String statement, long count) {
        return new QueryResult(List.of("statement", "rows"), List.of(List.of(statement, count)));
    }

    public int rowCount() {
        return rows.size();
    }

    /** The value of a column by name in a row, for callers that do not want to count positions. */
    public Object value(int row, String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        return rows.get(row).get(index);
    }
}
