package loyalty.lakehouse.catalog;

import java.io.Serializable;
import java.util.Map;

/**
 * Where the Iceberg catalog lives: a JDBC catalog in PostgreSQL and a warehouse folder (file: locally, s3: in
 * docker-compose). Serializable so Flink operators can rebuild the catalog on task managers.
 */
public record LakehouseConfig(String jdbcUrl, String user, String password, String warehouse)
        implements Serializable {
    /** The catalog name stored in the JDBC catalog's rows; Trino's catalog file must use the same. */
    public static final String CATALOG_NAME = "loyalty";

    public Map<String, String> catalogProperties() {
        return Map.of(
                "uri", jdbcUrl,
                "jdbc.user", user,
                "jdbc.password", password,
                // V1 adds views to the JDBC catalog schema; Trino 476 reads it too.
                "jdbc.schema-version", "V1",
                "warehouse", warehouse);
    }
}
