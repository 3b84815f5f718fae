package loyalty.ml;

import java.nio.file.Path;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.ml.session.LoyaltySpark;
import loyalty.stack.Ports;
import loyalty.stack.postgres.PostgresCluster;
import org.apache.spark.sql.SparkSession;

/**
 * A private PostgreSQL holding the Iceberg JDBC catalog, every platform table created through the Lakehouse, and a
 * local[2] Spark session on it: what each spark-ml integration test class starts once.
 */
public final class SparkLakehouse implements AutoCloseable {
    private final PostgresCluster postgres;
    private final LakehouseConfig config;
    private final SparkSession spark;

    private SparkLakehouse(PostgresCluster postgres, LakehouseConfig config, SparkSession spark) {
        this.postgres = postgres;
        this.config = config;
        this.spark = spark;
    }

    public static SparkLakehouse start(Path work) throws Exception {
        PostgresCluster postgres = PostgresCluster.start(work.resolve("pg"), Ports.free());
        LakehouseConfig config = new LakehouseConfig(postgres.jdbcUrl(PostgresCluster.LAKEHOUSE_DB),
                PostgresCluster.USER, PostgresCluster.PASSWORD, work.resolve("warehouse").toUri().toString());
        try (Lakehouse catalog = Lakehouse.open(config)) {
            catalog.ensureTables();
        }
        return new SparkLakehouse(postgres, config, LoyaltySpark.session(config));
    }

    public SparkSession spark() {
        return spark;
    }

    public LakehouseConfig config() {
        return config;
    }

    @Override
    public void close() {
        spark.stop();
        postgres.close();
    }
}
