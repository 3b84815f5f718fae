package loyalty.generator.operational;

import java.time.Instant;

/** A {@code loyalty_rule_sets} row; the body is the rule set JSON (SPEC §9). */
public record RuleSetRow(String program, String version, Instant effectiveFrom, String body, Instant publishedAt)
        implements Row {
    public static final String TABLE = "loyalty_rule_sets";

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public String primaryKey() {
        return program + "/" + version;
    }
}
