package loyalty.generator.operational;

/** A row of one of the captured operational tables, with its primary key. */
public sealed interface Row permits CustomerRow, OrderRow, ReturnRow, RuleSetRow {
    String table();

    /** The primary key, as {@code table:key} names it in the ground truth. */
    String primaryKey();

    String program();
}
