package loyalty.contract.operational;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the retailer's operational tables (customers, orders, returns, rule sets) that CDC captures. */
public final class OperationalSchema {
    public static final String RESOURCE = "/loyalty/config/postgres/operational-schema.sql";
    public static final String[] CAPTURED_TABLES = {"customers", "orders", "returns", "loyalty_rule_sets"};

    private OperationalSchema() {
    }

    public static void apply(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql());
        }
    }

    public static String sql() {
        try (InputStream in = OperationalSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
