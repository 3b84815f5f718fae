package loyalty.lakehouse.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import loyalty.lakehouse.TrinoTestStack;
import loyalty.lakehouse.table.TableDefinitions;
import loyalty.stack.trino.TrinoServer;
import loyalty.stack.trino.TrinoSql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance through a real Trino on a table the way a streaming job leaves it: one commit per row, so one small
 * data file, one manifest and one snapshot per row; and on a table with more partitions than Trino writes at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LakehouseMaintenanceTest {
    private static final int COMMITS = 30;
    private static final String TABLE = "ledger.points_ledger";
    private static final String TABLE_SQL = "iceberg." + TABLE;
    private static final String ROWS_CHECKSUM = """
            SELECT count(*), to_hex(checksum(ROW(entry_id, program, member_id, type, points, occurred_at, note)))
            FROM iceberg.ledger.points_ledger""";

    @TempDir
    static Path work;

    private static TrinoTestStack stack;
    private static TrinoSql admin;

    @BeforeAll
    static void startAndCommitRowByRow() throws Exception {
        Assumptions.assumeTrue(TrinoServer.findJava().isPresent(), TrinoServer.missingJavaMessage());
        stack = TrinoTestStack.start(work);
        admin = stack.as("admin");
        for (int i = 0; i < COMMITS; i++) {
            // One member and one day: a single partition, so compaction can make one file of all of them.
            admin.query("""
                    INSERT INTO iceberg.ledger.points_ledger (entry_id, program, member_id, type, points, occurred_at,
                                                              source_event_id, note)
                    VALUES ('E-%1$d', 'acme', 'M-1', 'EARN', %2$d, TIMESTAMP '2026-01-05 12:00:00 UTC' + INTERVAL '%1$d'
                            SECOND, 'pos-%1$d', 'commit %1$d')""".formatted(i, 10 + i));
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(2)
    void aRetentionBelowTheCatalogsMinimumIsRefusedAndNoRowChanges() throws Exception {
        admin.query("INSERT INTO iceberg.ledger.points_ledger (entry_id, program, member_id, type, points,"
                + " occurred_at, source_event_id) VALUES ('E-extra', 'acme', 'M-1', 'EARN', 1,"
                + " TIMESTAMP '2026-01-05 13:00:00 UTC', 'pos-extra')"); // the same partition
        List<Object> rowsBefore = admin.query(ROWS_CHECKSUM).rows().get(0);
        LakehouseMaintenance maintenance = new LakehouseMaintenance(engine(admin), "iceberg",
                new MaintenancePolicy(Duration.ZERO, Duration.ZERO, MaintenancePolicy.DEFAULT_SMALL_FILE_BYTES));

        TableReport report = maintenance.maintain(TABLE);

        // iceberg.expire-snapshots.min-retention in the catalog file guards hand-typed statements too.
        assertThat(report.succeeded()).isFalse();
        assertThat(report.error()).get().asString().contains("minimum retention");
        // Compaction ran before expiry was refused: its snapshot is there, the older ones too.
        assertThat(report.after()).isEqualTo(maintenance.state(TABLE));
        assertThat(report.after().dataFiles()).isEqualTo(1);
        assertThat(report.after().snapshots()).isGreaterThan(report.before().snapshots());
        assertThat(admin.query(ROWS_CHECKSUM).rows().get(0)).isEqualTo(rowsBefore);
    }

    @Test
    @Order(1)
    void compactsExpiresAndRemovesOrphansWithoutChangingARow() throws Exception {
        List<Object> rowsBefore = admin.query(ROWS_CHECKSUM).rows().get(0);
        Path dataDir = dataFolder();
        Path oldOrphan = plant(dataDir.resolve("orphan-from-a-failed-write.parquet"), Duration.ofDays(8));
        Path freshOrphan = plant(dataDir.resolve("file-of-a-write-in-progress.parquet"), Duration.ZERO);
        // The catalog refuses a retention under a day; an operator who means it lowers the session's minimum.
        TrinoSql allowingShortRetention = new TrinoSql(stack.trino().jdbcUrl()
                + "?sessionProperties=iceberg.expire_snapshots_min_retention:0s", "admin");
        LakehouseMaintenance maintenance = new LakehouseMaintenance(engine(allowingShortRetention), "iceberg",
                new MaintenancePolicy(Duration.ZERO, MaintenancePolicy.DEFAULT_RETENTION,
                        MaintenancePolicy.DEFAULT_SMALL_FILE_BYTES));

        TableReport report = maintenance.maintain(TABLE);

        System.out.println("maintenance " + report);
        assertThat(report.error()).isEmpty();
        assertThat(report.before()).satisfies(before -> {
            assertThat(before.dataFiles()).isEqualTo(COMMITS);
            assertThat(before.manifests()).isPositive(); // Trino's appends merge manifests as they go
            assertThat(before.snapshots()).isGreaterThanOrEqualTo(COMMITS);
        });
        assertThat(report.after().dataFiles()).isEqualTo(1);
        assertThat(report.after().manifests()).isEqualTo(1);
        assertThat(report.after().snapshots()).isEqualTo(1); // retention zero keeps the current snapshot only
        assertThat(report.after().totalBytes()).isPositive().isLessThan(report.before().totalBytes());
        assertThat(admin.query(ROWS_CHECKSUM).rows().get(0)).isEqualTo(rowsBefore).element(0)
                .isEqualTo((long) COMMITS);
        // Expired snapshots took their files with them; the orphan older than the retention is gone, the fresh one
        // (which could be a write not yet committed) stays.
        assertThat(oldOrphan).doesNotExist();
        assertThat(freshOrphan).exists();
        assertThat(parquetFiles(dataDir)).hasSize(2).contains(freshOrphan);
    }

    @Test
    @Order(3)
    void maintainsEveryTableOfTheCatalogIncludingEmptyOnesAndOthersThanThePlatforms() throws Exception {
        admin.query("CREATE SCHEMA iceberg.replay_test");
        admin.query("CREATE TABLE iceberg.replay_test.scratch (program varchar, n bigint)");
        admin.query("INSERT INTO iceberg.replay_test.scratch VALUES ('acme', 1)");
        LakehouseMaintenance maintenance = new LakehouseMaintenance(engine(admin), "iceberg",
                MaintenancePolicy.defaults());

        List<TableReport> reports = maintenance.maintainAll();

        assertThat(reports).extracting(TableReport::table).startsWith(TableDefinitions.all().stream()
                .map(d -> d.id().toString()).toArray(String[]::new)).contains("replay_test.scratch");
        assertThat(reports).allSatisfy(r -> assertThat(r.error()).as(r.table()).isEmpty());
        TableReport scratch = reports.stream().filter(r -> r.table().equals("replay_test.scratch")).findFirst()
                .orElseThrow();
        // Seven days' retention keeps the fresh snapshots.
        assertThat(scratch.after().snapshots()).isGreaterThanOrEqualTo(scratch.before().snapshots());
        assertThat(scratch.after().dataFiles()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void compactsATableWithMorePartitionsThanOneTrinoStatementMayWriteInTimeSlices() throws Exception {
        // Eight months of 64 members, each month in two commits: about 128 partitions (month x 16 member buckets) of
        // two files each.
        insertEightPeriodsOf64Members("W", "2026-03-01 08:00:00", "MONTH");
        long partitions = ((Number) admin.query("SELECT count(*) FROM iceberg.ledger.\"points_ledger$partitions\"")
                .rows().get(0).get(0)).longValue();
        assertThat(partitions).as("more partitions than Trino's writer limit").isGreaterThan(
                Compaction.TRINO_PARTITIONS_PER_WRITER);
        List<Object> rowsBefore = admin.query(ROWS_CHECKSUM).rows().get(0);
        // Trino spreads partitions over its writers, so a whole-table statement like the one that failed in `loyalty
        // bench sql` (1,440 partitions) still passes with these few; slicing is checked by the statements it takes.
        List<String> optimizeStatements = new java.util.ArrayList<>();
        SqlEngine recording = statement -> {
            if (statement.contains("EXECUTE optimize(")) {
                optimizeStatements.add(statement);
            }
            return admin.query(statement).rows();
        };
        LakehouseMaintenance maintenance = new LakehouseMaintenance(recording, "iceberg",
                MaintenancePolicy.defaults());

        TableReport report = maintenance.maintain(TABLE);

        System.out.println("maintenance in slices " + report);
        assertThat(report.error()).isEmpty();
        assertThat(report.before().dataFiles()).isGreaterThan(partitions);
        assertThat(report.after().dataFiles()).as("one file per partition").isEqualTo(partitions);
        assertThat(optimizeStatements).as("slices of at most 100 partitions").hasSizeBetween(
                (int) (partitions / Compaction.TRINO_PARTITIONS_PER_WRITER) + 1, 11)
                .allSatisfy(st -> assertThat(st).contains("WHERE \"occurred_at\" >= TIMESTAMP '"));
        assertThat(admin.query(ROWS_CHECKSUM).rows().get(0)).isEqualTo(rowsBefore);
    }

    /**
     * A deployment upgraded from a release that partitioned the ledger by day: the table's partitioning evolves to
     * months (as {@code Lakehouse.ensureTables} does), and the files written by day must still be compacted, into
     * the month layout, although they have no month partition value.
     */
    @Test
    @Order(5)
    void compactsTheFilesOfAnOlderDayPartitioningIntoTheCurrentMonthLayout() throws Exception {
        admin.query("ALTER TABLE " + TABLE_SQL + " SET PROPERTIES partitioning = ARRAY['day(occurred_at)',"
                + " 'bucket(member_id, 16)']");
        insertEightPeriodsOf64Members("D", "2027-01-10 08:00:00", "DAY"); // about 128 day partitions
        admin.query("ALTER TABLE " + TABLE_SQL + " SET PROPERTIES partitioning = ARRAY['month(occurred_at)',"
                + " 'bucket(member_id, 16)']");
        String dayFiles = "SELECT count(*) FROM iceberg.ledger.\"points_ledger$files\""
                + " WHERE partition.occurred_at_day IS NOT NULL";
        assertThat(((Number) admin.query(dayFiles).rows().get(0).get(0)).longValue()).isGreaterThan(100);
        List<Object> rowsBefore = admin.query(ROWS_CHECKSUM).rows().get(0);

        TableReport report = new LakehouseMaintenance(engine(admin), "iceberg", MaintenancePolicy.defaults())
                .maintain(TABLE);

        assertThat(report.error()).isEmpty();
        assertThat(admin.query(dayFiles).rows()).as("every day-partitioned file rewritten by month")
                .containsExactly(List.of(0L));
        assertThat(admin.query(ROWS_CHECKSUM).rows().get(0)).isEqualTo(rowsBefore);
    }

    /** EARN entries of 64 members in each of eight consecutive periods ({@code unit}s), two commits a period. */
    private static void insertEightPeriodsOf64Members(String idPrefix, String start, String unit) throws Exception {
        for (int period = 0; period < 8; period++) {
            for (int commit = 0; commit < 2; commit++) {
                StringBuilder values = new StringBuilder();
                for (int m = commit * 32; m < commit * 32 + 32; m++) {
                    values.append(values.isEmpty() ? "" : ",").append("('%s-%d-%d', 'acme', 'M-%d', 'EARN', 5,"
                            .formatted(idPrefix, period, m, m) + " TIMESTAMP '%s UTC' + INTERVAL '%d' %s, 'pos-%s')"
                            .formatted(start, period, unit, idPrefix));
                }
                admin.query("INSERT INTO " + TABLE_SQL + " (entry_id, program, member_id, type, points,"
                        + " occurred_at, source_event_id) VALUES " + values);
            }
        }
    }

    private static SqlEngine engine(TrinoSql sql) {
        return statement -> sql.query(statement).rows();
    }

    private static Path dataFolder() throws Exception {
        String path = (String) admin.query("SELECT \"$path\" FROM iceberg.ledger.points_ledger LIMIT 1").rows()
                .get(0).get(0);
        return (path.startsWith("/") ? Path.of(path) : Path.of(URI.create(path))).getParent();
    }

    private static Path plant(Path file, Duration age) throws Exception {
        Files.write(file, new byte[] {'P', 'A', 'R', '1'});
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    private static List<Path> parquetFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".parquet")).toList();
        }
    }
}
