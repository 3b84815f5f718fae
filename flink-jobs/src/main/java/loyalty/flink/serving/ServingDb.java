package loyalty.flink.serving;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the serving tables live: a PostgreSQL database (the shop database in the local stack and in compose).
 * Read from {@code --serving-jdbc-url}, {@code --serving-user}, {@code --serving-password}; a job without the URL
 * writes no serving tables.
 */
public record ServingDb(String jdbcUrl, String user, String password) implements Serializable {

    public ServingDb {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /** The settings in {@code p}, or null when {@code serving-jdbc-url} is absent (no serving tables). */
    public static ServingDb fromProperties(Properties p) {
        String url = p.getProperty("serving-jdbc-url");
        if (url == null || url.isBlank()) {
            return null;
        }
        return new ServingDb(url.trim(), p.getProperty("serving-user"), p.getProperty("serving-password"));
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Without the password: this ends up in logs. */
    @Override
    public String toString() {
        return jdbcUrl + " as " + user;
    }
}
