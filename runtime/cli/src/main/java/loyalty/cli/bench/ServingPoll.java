package loyalty.cli.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import loyalty.flink.serving.ServingDb;

/**
 * Asks {@code serving.balances}, on its own thread, for the members with a followed order whose row has not been
 * seen yet, as a till would ask for a balance, and reports each row to {@link LiveSamples}. Polls every
 * {@value #POLL_MILLIS} ms, so a row is seen within that much of its commit.
 */
final class ServingPoll implements AutoCloseable {
    static final long POLL_MILLIS = 50;
    private static final String QUERY = "SELECT member_id, as_of FROM serving.balances"
            + " WHERE program = ? AND member_id = ANY (?)";

    private final Connection connection;
    private final String program;
    private final LiveSamples samples;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;

    ServingPoll(ServingDb db, String program, LiveSamples samples) throws SQLException {
        this.connection = db.connect();
        this.program = program;
        this.samples = samples;
        thread = new Thread(this::run, "bench-serving-poll");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the stack has the serving tables (another component creates them). */
    static boolean tableExists(ServingDb db) throws SQLException {
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("SELECT to_regclass('serving.balances') IS NOT NULL");
             ResultSet rs = s.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    private void run() {
        try (PreparedStatement query = connection.prepareStatement(QUERY)) {
            query.setString(1, program);
            while (!stopped) {
                Set<String> members = samples.awaitingServing();
                if (!members.isEmpty()) {
                    poll(query, members);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)); // the poll interval
            }
        } catch (SQLException | RuntimeException e) {
            failure.set(e);
        }
    }

    private void poll(PreparedStatement query, Set<String> members) throws SQLException {
        Array ids = connection.createArrayOf("text", members.toArray());
        query.setArray(2, ids);
        try (ResultSet rs = query.executeQuery()) {
            long now = System.currentTimeMillis();
            while (rs.next()) {
                samples.servingRow(rs.getString(1), rs.getTimestamp(2).getTime(), now);
            }
        } finally {
            ids.free();
        }
    }

    @Override
    public void close() throws InterruptedException, SQLException {
        stopped = true;
        thread.join();
        connection.close();
    }
}
