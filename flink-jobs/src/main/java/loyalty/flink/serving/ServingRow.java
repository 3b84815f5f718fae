package loyalty.flink.serving;

/**
 * One write to a serving table: which of the table's statements, its parameters in order, and the row's key.
 * Parameters are String, Long, Integer, Instant (timestamptz), List of String (text[]) or null.
 *
 * @param key rows with the same key in one batch replace each other, the later one kept (the table's upsert would
 *            end the same, one statement later); null for rows never folded together
 */
public record ServingRow(int statement, String key, Object... values) {
}
