package loyalty.flink.serving;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the {@code serving} schema ({@code connectors/config/postgres/serving-schema.sql}, the file compose's
 * PostgreSQL init runs too). Idempotent.
 */
public final class ServingSchema {
    public static final String RESOURCE = "/loyalty/config/postgres/serving-schema.sql";
    /** Any number no other code of the database locks on; "serving" in ASCII. */
    private static final long SCHEMA_LOCK = 0x73657276696e67L;

    private ServingSchema() {
    }

    public static void apply(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            // Two jobs starting at once would race on CREATE … IF NOT EXISTS (a unique violation in the catalog); a
            // lock held until the commit makes the second wait and then find everything there.
            statement.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
            statement.execute(sql());
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Applies the schema in {@code db}, when a job is built: like the Iceberg tables, the serving tables exist
     * before the first record arrives, also in a database whose init scripts ran before they were added.
     */
    public static void ensure(ServingDb db) {
        try (Connection c = db.connect()) {
            apply(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the serving tables in " + db + ": " + e.getMessage(), e);
        }
    }

    public static String sql() {
        try (InputStream in = ServingSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
