package loyalty.stack.trino;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables that {@code lakehouse/trino/etc/catalog/iceberg.properties} reads with Trino's
 * {@code ${ENV:NAME}}; docker-compose sets the same names on its trino service.
 */
public final class TrinoCatalogEnv {
    public static final String JDBC_URL = "LOYALTY_CATALOG_JDBC_URL";
    public static final String JDBC_USER = "LOYALTY_CATALOG_JDBC_USER";
    public static final String JDBC_PASSWORD = "LOYALTY_CATALOG_JDBC_PASSWORD";
    public static final String WAREHOUSE = "LOYALTY_WAREHOUSE";
    public static final String S3_ENDPOINT = "LOYALTY_S3_ENDPOINT";
    public static final String S3_REGION = "LOYALTY_S3_REGION";
    public static final String S3_ACCESS_KEY = "LOYALTY_S3_ACCESS_KEY";
    public static final String S3_SECRET_KEY = "LOYALTY_S3_SECRET_KEY";

    private TrinoCatalogEnv() {
    }

    /**
     * The catalog in a PostgreSQL database with tables in a local folder. The S3 values are only there because the
     * catalog file always enables the S3 file system (see its comment); no local table location uses it.
     */
    public static Map<String, String> localWarehouse(String catalogJdbcUrl, String user, String password,
                                                     Path warehouse) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(JDBC_URL, catalogJdbcUrl);
        env.put(JDBC_USER, user);
        env.put(JDBC_PASSWORD, password);
        env.put(WAREHOUSE, warehouse.toAbsolutePath().toUri().toString());
        env.put(S3_ENDPOINT, "http://127.0.0.1:9000");
        env.put(S3_REGION, "us-east-1");
        env.put(S3_ACCESS_KEY, "unused-locally");
        env.put(S3_SECRET_KEY, "unused-locally");
        return env;
    }
}
