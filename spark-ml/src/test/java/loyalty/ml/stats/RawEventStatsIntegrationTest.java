package loyalty.ml.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.RawEvents;
import loyalty.ml.session.LoyaltySpark;
import loyalty.stack.Ports;
import loyalty.stack.postgres.PostgresCluster;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark and the Lakehouse (the JdbcCatalog that Flink and Trino share) on one private PostgreSQL: the table the
 * Lakehouse creates is the one Spark writes, and the stats count what was written.
 */
class RawEventStatsIntegrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(RawEventStatsIntegrationTest.class);

    private static final Instant JAN_01_0800 = Instant.parse("2026-01-01T08:00:00Z");
    private static final Instant JAN_05_NOON = Instant.parse("2026-01-05T12:00:00Z");
    private static final Instant JAN_06_0930 = Instant.parse("2026-01-06T09:30:00Z");
    private static final Instant JAN_31_LAST_SECOND = Instant.parse("2026-01-31T23:59:59Z");
    private static final Instant FEB_01_0000 = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant INGESTED = Instant.parse("2026-02-02T00:00:00Z");

    @TempDir
    static Path work;
    static PostgresCluster postgres;
    static LakehouseConfig lakehouse;
    static SparkSession spark;

    @BeforeAll
    static void startPostgresCatalogAndSpark() throws Exception {
        postgres = PostgresCluster.start(work.resolve("pg"), Ports.free());
        lakehouse = new LakehouseConfig(postgres.jdbcUrl(PostgresCluster.LAKEHOUSE_DB), PostgresCluster.USER,
                PostgresCluster.PASSWORD, work.resolve("warehouse").toUri().toString());
        try (Lakehouse catalog = Lakehouse.open(lakehouse)) {
            catalog.ensureTables();
        }
        long start = System.nanoTime();
        spark = LoyaltySpark.session(lakehouse);
        LOG.info("event=test_spark_session_started millis={}", (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    static void stopSparkAndPostgres() {
        if (spark != null) {
            spark.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void sparkSeesTheTablesTheLakehouseCreated() {
        assertThat(spark.sql("SHOW TABLES IN loyalty.raw").collectAsList())
                .extracting(row -> row.getString(1))
                .contains("events");
        assertThat(spark.table(RawEventStats.TABLE).schema())
                .isEqualTo(SparkSchemaUtil.convert(RawEvents.SCHEMA));
    }

    @Test
    void countsEventsPerProgramAndTypeWithFirstAndLastOccurrence() throws Exception {
        assertThat(RawEventStats.compute(spark)).isEmpty();

        append(List.of(
                event("crm-1", "member.enrolled", "acme", JAN_01_0800),
                event("pos-1", "order.completed", "acme", JAN_05_NOON),
                event("pos-2", "order.completed", "acme", JAN_06_0930)));
        append(List.of(
                event("pos-2", "order.completed", "acme", JAN_06_0930), // the same event stored twice
                event("web-1", "order.completed", "beta", JAN_31_LAST_SECOND),
                event("web-2", "order.completed", "beta", FEB_01_0000)));

        List<EventTypeStats> stats = RawEventStats.compute(spark);

        assertThat(stats).containsExactly(
                new EventTypeStats("acme", "member.enrolled", 1, 1, JAN_01_0800, JAN_01_0800),
                new EventTypeStats("acme", "order.completed", 3, 2, JAN_05_NOON, JAN_06_0930),
                new EventTypeStats("beta", "order.completed", 2, 2, JAN_31_LAST_SECOND, FEB_01_0000));
        assertThat(stats.get(1).repeatedRows()).isEqualTo(1);

        // Spark committed through the catalog Flink and Trino use: its JdbcCatalog sees both appends.
        try (Lakehouse catalog = Lakehouse.open(lakehouse)) {
            Snapshot current = catalog.load(RawEvents.DEFINITION).currentSnapshot();
            assertThat(current.summary()).containsEntry("total-records", "6");
        }

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RawEventStats.print(stats, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8).lines())
                .hasSize(4)
                .element(2).asString()
                .contains("acme", "order.completed", "3", "2", "2026-01-05T12:00:00Z", "2026-01-06T09:30:00Z");
    }

    @Test
    void aMissingTableIsNamedInTheError() {
        assertThatThrownBy(() -> RawEventStats.compute(spark, "loyalty.raw.no_such_table"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("loyalty.raw.no_such_table does not exist");
    }

    private static void append(List<Row> rows) throws Exception {
        StructType schema = SparkSchemaUtil.convert(RawEvents.SCHEMA);
        spark.createDataFrame(rows, schema).writeTo(RawEventStats.TABLE).append();
    }

    private static Row event(String eventId, String type, String program, Instant occurredAt) {
        Row identifiers = RowFactory.create(null, null, null, "crm-" + eventId, null);
        return RowFactory.create(eventId, type, program, occurredAt, "test", identifiers, "{}", INGESTED,
                "loyalty.input.test", 0, 0L);
    }
}
