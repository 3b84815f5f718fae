package loyalty.cli.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import loyalty.stack.trino.QueryResult;
import loyalty.stack.trino.TableRenderer;

/** Builds a summary table row by row and prints it the way {@code loyalty sql} prints query results. */
public final class TextTable {
    private final List<String> headers;
    private final List<List<Object>> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    public TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.asList(cells));
        return this;
    }

    public String render() {
        return TableRenderer.render(new QueryResult(headers, rows));
    }
}
