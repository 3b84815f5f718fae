package loyalty.ml.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import loyalty.lakehouse.catalog.LakehouseConfig;
import org.junit.jupiter.api.Test;

class LoyaltySparkTest {
    private static final LakehouseConfig LAKEHOUSE = new LakehouseConfig(
            "jdbc:postgresql://127.0.0.1:5432/lakehouse", "loyalty", "secret", "file:///data/warehouse");

    @Test
    void theLoyaltyCatalogIsTheLakehouseJdbcCatalog() {
        assertThat(LoyaltySpark.settings(LAKEHOUSE, "local[2]"))
                .containsEntry("spark.sql.extensions",
                        "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .containsEntry("spark.sql.catalog.loyalty", "org.apache.iceberg.spark.SparkCatalog")
                .containsEntry("spark.sql.catalog.loyalty.type", "jdbc")
                .containsEntry("spark.sql.catalog.loyalty.uri", "jdbc:postgresql://127.0.0.1:5432/lakehouse")
                .containsEntry("spark.sql.catalog.loyalty.jdbc.user", "loyalty")
                .containsEntry("spark.sql.catalog.loyalty.jdbc.schema-version", "V1")
                .containsEntry("spark.sql.catalog.loyalty.warehouse", "file:///data/warehouse")
                .containsEntry("spark.sql.session.timeZone", "UTC");
    }

    @Test
    void onlyLocalMastersGetFewShufflePartitionsAndALoopbackDriver() {
        assertThat(LoyaltySpark.settings(LAKEHOUSE, "local[2]"))
                .containsEntry("spark.sql.shuffle.partitions", "4")
                .containsEntry("spark.driver.bindAddress", "127.0.0.1");
        assertThat(LoyaltySpark.settings(LAKEHOUSE, "spark://cluster:7077"))
                .doesNotContainKeys("spark.sql.shuffle.partitions", "spark.driver.host", "spark.driver.bindAddress");
    }

    @Test
    void thePomGivesTheTestJvmExactlyTheListedJavaOptions() {
        // the pom's spark.java.options and JAVA_OPTIONS are two copies of one list: keep them equal
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertThat(jvmArguments).containsAll(LoyaltySpark.JAVA_OPTIONS);
        assertThat(jvmArguments).filteredOn(a -> a.startsWith("--add-opens"))
                .containsExactlyInAnyOrderElementsOf(LoyaltySpark.JAVA_OPTIONS.stream()
                        .filter(o -> o.startsWith("--add-opens")).toList());
        LoyaltySpark.requireJavaOptions();
    }
}
