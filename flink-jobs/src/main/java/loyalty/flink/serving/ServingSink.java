package loyalty.flink.serving;

import java.io.IOException;
import java.sql.SQLException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes a stream into a PostgreSQL serving table with batched JDBC statements, at least once: the writer flushes
 * when a batch is full and before every checkpoint ({@link SinkWriter#flush} runs ahead of the barrier), so what a
 * completed checkpoint covers is in the table; after a restart the job replays what followed the checkpoint and the
 * table's idempotent SQL ({@link ServingTable}) absorbs the repeats. The table is therefore at most one checkpoint
 * interval behind the job.
 *
 * <p>Not exactly-once on purpose: a two-phase commit would hold the rows back until the checkpoint completes, and
 * the rows are facts that are safe to write twice.
 */
public final class ServingSink<T> implements Sink<T> {
    /** Rows per transaction: large enough to amortise the round trips of a backfill, small enough to stay quick. */
    public static final int DEFAULT_BATCH_SIZE = 500;

    private final ServingDb db;
    private final ServingTable<T> table;
    private final int batchSize;

    private ServingSink(ServingDb db, ServingTable<T> table, int batchSize) {
        this.db = db;
        this.table = table;
        this.batchSize = batchSize;
    }

    public static <T> ServingSink<T> of(ServingDb db, ServingTable<T> table) {
        return new ServingSink<>(db, table, DEFAULT_BATCH_SIZE);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        try {
            return new ServingWriter<>(db, table, batchSize,
                    context.metricGroup().counter("servingRowsWritten"));
        } catch (SQLException e) {
            throw new IOException("cannot connect to the serving database " + db + ": " + e.getMessage(), e);
        }
    }
}
