package loyalty.flink.serving;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;

/**
 * One subtask's writer of a {@link ServingSink}: collects rows per statement, folding rows of the same key (a
 * member's balance changes with every event; only the last of a batch needs writing), and writes a batch in one
 * transaction. A failed write fails the task; Flink restarts it from the last checkpoint and the rows come again.
 */
final class ServingWriter<T> implements SinkWriter<T> {
    private final ServingTable<T> table;
    private final int batchSize;
    private final Counter written;
    private final Connection connection;
    private final List<PreparedStatement> statements = new ArrayList<>();
    private final List<Map<String, ServingRow>> pending = new ArrayList<>();
    private int size;
    private long unkeyed;

    ServingWriter(ServingDb db, ServingTable<T> table, int batchSize, Counter written) throws SQLException {
        this.table = table;
        this.batchSize = batchSize;
        this.written = written;
        this.connection = db.connect();
        try {
            connection.setAutoCommit(false);
            for (String sql : table.statements()) {
                statements.add(connection.prepareStatement(sql));
                pending.add(new LinkedHashMap<>());
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void write(T element, Context context) throws IOException {
        for (ServingRow row : table.rows(element)) {
            Map<String, ServingRow> batch = pending.get(row.statement());
            String key = row.key() == null ? "\u0000" + unkeyed++ : row.key();
            // Re-inserted at the end, so a flush writes rows in the order their last version arrived.
            if (batch.remove(key) == null) {
                size++;
            }
            batch.put(key, row);
        }
        if (size >= batchSize) {
            flush(false);
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        if (size == 0) {
            return;
        }
        try {
            for (int i = 0; i < statements.size(); i++) {
                PreparedStatement statement = statements.get(i);
                for (ServingRow row : pending.get(i).values()) {
                    bind(statement, row.values());
                    statement.addBatch();
                }
                if (!pending.get(i).isEmpty()) {
                    statement.executeBatch();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new IOException("cannot write " + size + " rows to " + table.name() + ": " + describe(e), e);
        }
        written.inc(size);
        pending.forEach(Map::clear);
        size = 0;
        unkeyed = 0;
    }

    @Override
    public void close() throws Exception {
        try {
            for (PreparedStatement s : statements) {
                s.close();
            }
        } finally {
            connection.close();
        }
    }

    private void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            int p = i + 1;
            if (v == null) {
                statement.setNull(p, Types.NULL);
            } else if (v instanceof Instant t) {
                statement.setObject(p, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            } else if (v instanceof List<?> list) {
                statement.setArray(p, connection.createArrayOf("text", list.toArray()));
            } else if (v instanceof Long n) {
                statement.setLong(p, n);
            } else if (v instanceof Integer n) {
                statement.setInt(p, n);
            } else if (v instanceof String s) {
                statement.setString(p, s);
            } else {
                throw new SQLException("no JDBC mapping for " + v.getClass().getName() + " in " + table.name());
            }
        }
    }

    private void rollbackQuietly(SQLException cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A batch failure hides its cause in the next exception. */
    private static String describe(SQLException e) {
        SQLException next = e.getNextException();
        return next == null ? e.getMessage() : e.getMessage() + " (" + next.getMessage() + ")";
    }
}
