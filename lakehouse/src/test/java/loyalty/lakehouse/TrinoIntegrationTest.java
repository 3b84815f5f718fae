package loyalty.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.RawEvents;
import loyalty.stack.Ports;
import loyalty.stack.postgres.PostgresCluster;
import loyalty.stack.trino.QueryResult;
import loyalty.stack.trino.TrinoCatalogEnv;
import loyalty.stack.trino.TrinoServer;
import loyalty.stack.trino.TrinoSql;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trino reads and writes the lakehouse through the same JDBC catalog as Iceberg's Java API: PostgreSQL holds the
 * catalog, Iceberg creates it and the tables, Trino (a child process) queries them, and rows written by either side
 * are seen by the other. The tests run in order on one table, as a session would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrinoIntegrationTest {
    private static final OffsetDateTime JAN_6_NINE = OffsetDateTime.of(2026, 1, 6, 9, 30, 0, 0, ZoneOffset.UTC);

    @TempDir
    static Path work;

    private static PostgresCluster postgres;
    private static LakehouseConfig config;
    private static TrinoServer trino;
    private static TrinoSql sql;

    @BeforeAll
    static void startStack() throws Exception {
        Assumptions.assumeTrue(TrinoServer.findJava().isPresent(), "no Java 24+ JDK for Trino on this machine");
        postgres = PostgresCluster.start(work.resolve("pg"), Ports.free());
        String catalogUrl = postgres.jdbcUrl(PostgresCluster.LAKEHOUSE_DB);
        Path warehouse = work.resolve("warehouse");
        config = new LakehouseConfig(catalogUrl, PostgresCluster.USER, PostgresCluster.PASSWORD,
                warehouse.toUri().toString());
        // Trino reads the JDBC catalog's tables but never creates them: Iceberg must go first.
        try (Lakehouse lakehouse = Lakehouse.open(config)) {
            lakehouse.ensureTables();
        }
        trino = TrinoServer.start(trinoWorkDir(), Ports.free(), TrinoCatalogEnv.localWarehouse(
                catalogUrl, PostgresCluster.USER, PostgresCluster.PASSWORD, warehouse));
        System.out.println("trino_start_millis=" + trino.startTime().toMillis());
        sql = new TrinoSql(trino.jdbcUrl(), "loyalty");
    }

    @AfterAll
    static void stopStack() {
        if (trino != null) {
            trino.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(0)
    void trinosCatalogFileNamesTheCatalogThatIcebergWrites() throws Exception {
        Properties catalog = new Properties();
        try (InputStream in = TrinoServer.class.getResourceAsStream("/loyalty/trino/etc/catalog/iceberg.properties")) {
            catalog.load(in);
        }
        assertThat(catalog.getProperty("iceberg.jdbc-catalog.catalog-name")).isEqualTo(LakehouseConfig.CATALOG_NAME);
    }

    @Test
    @Order(1)
    void seesTheEmptyRawEventsTableThatIcebergCreated() throws Exception {
        assertThat(sql.query("SELECT count(*) FROM iceberg.raw.events").rows()).containsExactly(List.of(0L));
        assertThat(sql.query("SHOW TABLES FROM iceberg.raw").rows()).contains(List.of("events"));
    }

    @Test
    @Order(2)
    void insertsRowsThroughTrinoAndReadsThemBack() throws Exception {
        QueryResult insert = sql.query("""
                INSERT INTO iceberg.raw.events (event_id, type, program, occurred_at, source, identifiers, payload,
                                                ingested_at, kafka_topic, kafka_partition, kafka_offset)
                VALUES ('pos-000123', 'order.completed', 'acme', TIMESTAMP '2026-01-05 12:00:00 UTC', 'pos',
                        CAST(ROW('bob@x.com', NULL, 'C-1', '42', NULL) AS ROW(email varchar, phone varchar,
                             card varchar, crm_id varchar, device_id varchar)),
                        '{"order_id":"O1","net_amount":"120.50"}', TIMESTAMP '2026-01-05 12:00:01 UTC',
                        'loyalty.orders', 0, 17),
                       ('crm-000001', 'member.enrolled', 'acme', TIMESTAMP '2026-01-01 08:00:00 UTC', 'crm',
                        NULL, '{}', TIMESTAMP '2026-01-01 08:00:02 UTC', 'loyalty.members', 1, 3)""");
        assertThat(insert.rows()).containsExactly(List.of("INSERT", 2L));

        QueryResult rows = sql.query("""
                SELECT event_id, type, occurred_at, identifiers.card AS card, kafka_offset
                FROM iceberg.raw.events ORDER BY event_id""");

        assertThat(rows.rows()).containsExactly(
                Arrays.asList("crm-000001", "member.enrolled", "2026-01-01 08:00:00.000000 UTC", null, 3L),
                List.of("pos-000123", "order.completed", "2026-01-05 12:00:00.000000 UTC", "C-1", 17L));
    }

    @Test
    @Order(3)
    void seesARowAppendedThroughTheIcebergJavaApi() throws Exception {
        try (Lakehouse lakehouse = Lakehouse.open(config)) {
            appendWithIceberg(lakehouse.load(RawEvents.DEFINITION), rawEvent("app-000042", "engagement.recorded",
                    JAN_6_NINE, "d-9", 42L));
        }

        QueryResult appended = sql.query("""
                SELECT event_id, type, program, occurred_at, identifiers.device_id AS device_id, kafka_offset
                FROM iceberg.raw.events WHERE event_id = 'app-000042'""");

        assertThat(appended.rows()).containsExactly(List.of("app-000042", "engagement.recorded", "acme",
                "2026-01-06 09:30:00.000000 UTC", "d-9", 42L));
        assertThat(sql.query("SELECT count(*) FROM iceberg.raw.events").rows()).containsExactly(List.of(3L));
        assertThat(sql.query("""
                SELECT count(*) FROM iceberg.raw."events$partitions"
                """).rows()).containsExactly(List.of(3L)); // one partition per (day, program)
    }

    private static GenericRecord rawEvent(String eventId, String type, OffsetDateTime occurredAt, String deviceId,
                                          long offset) {
        Types.StructType identifiersType = RawEvents.SCHEMA.findField("identifiers").type().asStructType();
        GenericRecord identifiers = GenericRecord.create(identifiersType);
        identifiers.setField("device_id", deviceId);
        GenericRecord record = GenericRecord.create(RawEvents.SCHEMA);
        record.setField("event_id", eventId);
        record.setField("type", type);
        record.setField("program", "acme");
        record.setField("occurred_at", occurredAt);
        record.setField("source", "app");
        record.setField("identifiers", identifiers);
        record.setField("payload", "{\"kind\":\"review\"}");
        record.setField("ingested_at", occurredAt.plusSeconds(1));
        record.setField("kafka_topic", "loyalty.engagements");
        record.setField("kafka_partition", 0);
        record.setField("kafka_offset", offset);
        return record;
    }

    /** One Parquet data file in the record's (day, program) partition, committed as an append. */
    private static void appendWithIceberg(Table table, Record record) throws Exception {
        PartitionKey partition = new PartitionKey(table.spec(), table.schema());
        // The partition transforms need Iceberg's internal values (micros), not OffsetDateTime.
        partition.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(record));
        OutputFileFactory files = OutputFileFactory.builderFor(table, 1, 1).format(FileFormat.PARQUET).build();
        // The Parquet builder directly: Iceberg 1.11's format registry also wants iceberg-orc on the classpath.
        DataWriter<Record> writer = Parquet.writeData(files.newOutputFile(table.spec(), partition))
                .schema(table.schema())
                .createWriterFunc(GenericParquetWriter::create)
                .withSpec(table.spec())
                .withPartition(partition)
                .build();
        try (writer) {
            writer.write(record);
        }
        DataFile file = writer.toDataFile();
        table.newAppend().appendFile(file).commit();
    }

    private static Path trinoWorkDir() {
        // Under target/: the 570 MB unpacked server is kept between runs of this class.
        return Path.of(System.getProperty("loyalty.work", "target/work")).toAbsolutePath().resolve("trino");
    }
}
