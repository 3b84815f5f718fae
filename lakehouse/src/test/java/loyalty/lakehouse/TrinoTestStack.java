package loyalty.lakehouse;

import java.nio.file.Path;
import java.util.Map;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.stack.Ports;
import loyalty.stack.postgres.PostgresCluster;
import loyalty.stack.trino.TrinoCatalogEnv;
import loyalty.stack.trino.TrinoServer;
import loyalty.stack.trino.TrinoSql;

/**
 * A private PostgreSQL holding the Iceberg catalog with the platform's tables, and a real Trino over it, for tests
 * that query as different users. Callers skip when {@link TrinoServer#findJava()} is empty.
 */
public final class TrinoTestStack implements AutoCloseable {
    private final PostgresCluster postgres;
    private final LakehouseConfig config;
    private final TrinoServer trino;

    private TrinoTestStack(PostgresCluster postgres, LakehouseConfig config, TrinoServer trino) {
        this.postgres = postgres;
        this.config = config;
        this.trino = trino;
    }

    public static TrinoTestStack start(Path work) throws Exception {
        PostgresCluster postgres = PostgresCluster.start(work.resolve("pg"), Ports.free());
        try {
            String catalogUrl = postgres.jdbcUrl(PostgresCluster.LAKEHOUSE_DB);
            Path warehouse = work.resolve("warehouse");
            LakehouseConfig config = new LakehouseConfig(catalogUrl, PostgresCluster.USER, PostgresCluster.PASSWORD,
                    warehouse.toUri().toString());
            try (Lakehouse lakehouse = Lakehouse.open(config)) {
                lakehouse.ensureTables(); // Trino reads the JDBC catalog's tables but never creates them
            }
            Map<String, String> env = TrinoCatalogEnv.localWarehouse(catalogUrl, PostgresCluster.USER,
                    PostgresCluster.PASSWORD, warehouse);
            TrinoServer trino = TrinoServer.start(trinoWorkDir(), Ports.free(), env);
            System.out.println("trino_start_millis=" + trino.startTime().toMillis());
            return new TrinoTestStack(postgres, config, trino);
        } catch (Exception | Error e) {
            postgres.close();
            throw e;
        }
    }

    public TrinoSql as(String user) {
        return new TrinoSql(trino.jdbcUrl(), user);
    }

    public TrinoServer trino() {
        return trino;
    }

    public LakehouseConfig lakehouse() {
        return config;
    }

    @Override
    public void close() {
        trino.close();
        postgres.close();
    }

    private static Path trinoWorkDir() {
        // Under target/: the 570 MB unpacked server is kept between runs, shared with TrinoIntegrationTest.
        return Path.of(System.getProperty("loyalty.work", "target/work")).toAbsolutePath().resolve("trino");
    }
}
