package loyalty.lakehouse.maintenance;

import java.sql.SQLException;
import java.util.List;

/**
 * Runs one SQL statement on the engine that serves the lakehouse (Trino, as a user allowed to alter tables) and
 * returns its rows; a statement without rows returns one row with its update count. Kept to this one method so
 * the maintenance logic does not depend on a driver or a server.
 */
@FunctionalInterface
public interface SqlEngine {
    List<List<Object>> rows(String sql) throws SQLException;
}
