package loyalty.lakehouse.erasure;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds the literal parts of the erasure's Trino statements; every value goes through {@link #literal}. */
final class SqlText {
    private SqlText() {
    }

    static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    /** {@code ('a', 'b')}; callers never pass an empty collection (an empty IN list is a syntax error). */
    static String list(Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        return values.stream().map(SqlText::literal).collect(Collectors.joining(", ", "(", ")"));
    }

    /** {@code CASE column WHEN 'old' THEN 'new' ... ELSE column END}. */
    static String mapped(String column, Map<String, String> replacements) {
        StringBuilder sql = new StringBuilder("CASE ").append(column);
        replacements.forEach((from, to) -> sql.append(" WHEN ").append(literal(from)).append(" THEN ")
                .append(literal(to)));
        return sql.append(" ELSE ").append(column).append(" END").toString();
    }

    /**
     * A case-insensitive RE2 pattern matching any of the values literally: every ASCII character that is not a
     * letter or digit is escaped (RE2 takes any escaped ASCII punctuation or space as itself).
     */
    static String anyOfPattern(Collection<String> values) {
        return values.stream().map(SqlText::quoteRegex).collect(Collectors.joining("|", "(?i)(", ")"));
    }

    private static String quoteRegex(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(c -> {
            if (c < 128 && !Character.isLetterOrDigit(c)) {
                out.append('\\');
            }
            out.appendCodePoint(c);
        });
        return out.toString();
    }
}
