package loyalty.cdc.mapping;

import java.util.Arrays;
import java.util.Optional;

/** What happened to a row, with Debezium's op code. A snapshot read is a row that existed before capture began. */
public enum ChangeKind {
    SNAPSHOT("r"),
    INSERT("c"),
    UPDATE("u"),
    DELETE("d");

    private final String debeziumOp;

    ChangeKind(String debeziumOp) {
        this.debeziumOp = debeziumOp;
    }

    /** Snapshot reads and inserts both bring a row into view; the mappings treat them alike. */
    public boolean bringsNewRow() {
        return this == SNAPSHOT || this == INSERT;
    }

    public static Optional<ChangeKind> fromDebeziumOp(String op) {
        return Arrays.stream(values()).filter(k -> k.debeziumOp.equals(op)).findFirst();
    }
}
