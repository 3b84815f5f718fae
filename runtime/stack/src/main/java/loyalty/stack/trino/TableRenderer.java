package loyalty.stack.trino;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a {@link QueryResult} as an aligned text table in the style of psql and the Trino CLI: a header, a rule,
 * one line per row, then the row count. Columns whose values are all numbers are right-aligned; SQL NULL prints as
 * {@code NULL}; line breaks inside values print as {@code \n} so every row stays on one line.
 */
public final class TableRenderer {
    private static final String NULL = "NULL";

    private TableRenderer() {
    }

    public static String render(QueryResult result) {
        int columns = result.columns().size();
        List<List<String>> cells = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            cells.add(row.stream().map(TableRenderer::text).toList());
        }
        int[] width = new int[columns];
        boolean[] numeric = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            width[c] = result.columns().get(c).length();
            boolean sawNumber = false;
            boolean allNumbers = true;
            for (int r = 0; r < cells.size(); r++) {
                width[c] = Math.max(width[c], cells.get(r).get(c).length());
                Object value = result.rows().get(r).get(c);
                sawNumber |= value instanceof Number;
                allNumbers &= value == null || value instanceof Number;
            }
            numeric[c] = sawNumber && allNumbers;
        }
        StringBuilder out = new StringBuilder();
        line(out, result.columns(), width, numeric);
        for (int c = 0; c < columns; c++) {
            out.append(c == 0 ? "-" : "-+-").append("-".repeat(width[c]));
        }
        out.append("-\n");
        for (List<String> row : cells) {
            line(out, row, width, numeric);
        }
        int n = result.rowCount();
        out.append('(').append(n).append(n == 1 ? " row)" : " rows)").append('\n');
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] width, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            line.append(c == 0 ? " " : " | ").append(numeric[c] ? pad + cell : cell + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    static String text(Object value) {
        if (value == null) {
            return NULL;
        }
        String text;
        if (value instanceof BigDecimal decimal) {
            text = decimal.toPlainString();
        } else if (value instanceof byte[] bytes) {
            text = "0x" + HexFormat.of().formatHex(bytes);
        } else if (value instanceof List<?> list) {
            text = list.stream().map(TableRenderer::text).collect(Collectors.joining(", ", "[", "]"));
        } else {
            text = value.toString();
        }
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }
}
