package loyalty.ml.clv;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a shop's export of {@code customer_id,date,amount} rows: ISO dates (YYYY-MM-DD), decimal amounts with a
 * point, amounts net of returns and so never negative. The header is optional; when the first line holds neither a
 * date nor a number, it is the header and must name the three columns, which may then come in any order among others. Fields may
 * be quoted ("..."); blank lines are skipped.
 *
 * <p>A bad row aborts the whole read: a fit on silently thinned data would look fine and be wrong. All bad rows are
 * counted and the first {@value #MAX_REPORTED} are reported with their line number (as an editor shows it, the
 * header being line 1) and why.
 */
public final class TransactionsCsv {
    public static final int MAX_REPORTED = 20;
    static final List<String> COLUMNS = List.of("customer_id", "date", "amount");

    private TransactionsCsv() {
    }

    /** The rows could not all be read; the message lists the problems, one per line. */
    public static final class InvalidTransactionsException extends RuntimeException {
        private final List<String> errors;
        private final int badRows;

        InvalidTransactionsException(String source, List<String> errors, int badRows) {
            super(message(source, errors, badRows));
            this.errors = List.copyOf(errors);
            this.badRows = badRows;
        }

        /** The reported problems, at most {@value #MAX_REPORTED}, each starting with "line N: ". */
        public List<String> errors() {
            return errors;
        }

        /** All bad rows, reported or not. */
        public int badRows() {
            return badRows;
        }

        private static String message(String source, List<String> errors, int badRows) {
            StringBuilder text = new StringBuilder(source + " has " + badRows + " bad row" + (badRows == 1 ? "" : "s")
                    + " (expected customer_id,date,amount with an ISO date and an amount of 0 or more):");
            errors.forEach(e -> text.append(System.lineSeparator()).append("  ").append(e));
            if (badRows > errors.size()) {
                text.append(System.lineSeparator()).append("  … and ").append(badRows - errors.size())
                        .append(" more");
            }
            return text.toString();
        }
    }

    /** @throws InvalidTransactionsException when a row is bad or there is no row */
    public static List<Transaction> read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        }
    }

    /** @param source names the input in the error message */
    public static List<Transaction> read(BufferedReader in, String source) throws IOException {
        List<Transaction> transactions = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int badRows = 0;
        int[] column = {0, 1, 2};
        int lineNumber = 0;
        boolean first = true;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (first && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a byte-order mark, as spreadsheet exports write
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = split(line);
            if (first) {
                first = false;
                if (fields.stream().noneMatch(f -> isDate(f) || isNumber(f))) {
                    String problem = header(fields, column);
                    if (problem != null) {
                        throw new InvalidTransactionsException(source, List.of("line " + lineNumber + ": " + problem),
                                1);
                    }
                    continue;
                }
            }
            List<String> problems = new ArrayList<>();
            String id = field(fields, column[0]);
            String dateText = field(fields, column[1]);
            String amountText = field(fields, column[2]);
            LocalDate date = null;
            BigDecimal amount = null;
            if (id.isEmpty()) {
                problems.add("missing customer_id");
            }
            if (dateText.isEmpty()) {
                problems.add("missing date");
            } else {
                try {
                    date = LocalDate.parse(dateText);
                } catch (DateTimeParseException e) {
                    problems.add("bad date '" + dateText + "' (expected YYYY-MM-DD)");
                }
            }
            if (amountText.isEmpty()) {
                problems.add("missing amount");
            } else {
                try {
                    amount = new BigDecimal(amountText);
                    if (amount.signum() < 0) {
                        problems.add("negative amount " + amountText + " (net returns out of the purchases first)");
                    }
                } catch (NumberFormatException e) {
                    problems.add("bad amount '" + amountText + "' (expected a number such as 12.50)");
                }
            }
            if (problems.isEmpty()) {
                transactions.add(new Transaction(id, date, amount));
            } else {
                badRows++;
                if (errors.size() < MAX_REPORTED) {
                    errors.add("line " + lineNumber + ": " + String.join("; ", problems));
                }
            }
        }
        if (badRows > 0) {
            throw new InvalidTransactionsException(source, errors, badRows);
        }
        if (transactions.isEmpty()) {
            throw new InvalidTransactionsException(source, List.of("no transactions"), 1);
        }
        return transactions;
    }

    /** Finds the columns by name; returns what is wrong, or null. */
    private static String header(List<String> names, int[] column) {
        List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            column[i] = lower.indexOf(COLUMNS.get(i));
            if (column[i] < 0) {
                missing.add(COLUMNS.get(i));
            }
        }
        return missing.isEmpty() ? null : "the header " + String.join(",", names) + " lacks the column"
                + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing);
    }

    private static String field(List<String> fields, int index) {
        return index < fields.size() ? fields.get(index) : "";
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The fields of one line, trimmed: commas separate unless inside double quotes, where "" is a quote. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString().strip());
        return fields;
    }
}
