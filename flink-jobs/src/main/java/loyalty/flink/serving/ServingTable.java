package loyalty.flink.serving;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * How one stream's records become writes to one serving table. The statements must be idempotent: the sink
 * delivers at least once, so a record may be written again after a restart, and later records of the same key
 * may already be there.
 *
 * @param <T> the stream's record type
 */
public interface ServingTable<T> extends Serializable {
    /** For names, logs and errors, e.g. {@code serving.balances}. */
    String name();

    /** The table's SQL statements; a flush runs their batches in this order, in one transaction. */
    List<String> statements();

    /** The writes of one record (none when it concerns this table not). */
    List<ServingRow> rows(T record) throws IOException;
}
