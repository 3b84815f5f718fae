package loyalty.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.stack.Ports;
import loyalty.stack.postgres.PostgresCluster;
import loyalty.stack.trino.QueryResult;
import loyalty.stack.trino.TrinoCatalogEnv;
import loyalty.stack.trino.TrinoServer;
import loyalty.stack.trino.TrinoSql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queries of {@code lakehouse/TIME_TRAVEL.md}, run on a real Trino: a member's balance and tier in the past, by
 * Iceberg snapshot (what the table said then) and by ledger event time (what was true then). The balance row is
 * written twice, so {@code ledger.balances} has two snapshots; the ledger and tier history are worked example A of
 * SPEC §12 (alice: welcome 100, O1 120, redeem 150, O2 450 and its full return, O3 125).
 */
class TimeTravelQueriesTest {
    private static final String JAN_10 = "TIMESTAMP '2026-01-10 00:00:00 UTC'";
    private static final String FEB_3_NOON = "TIMESTAMP '2026-02-03 12:00:00 UTC'";
    private static final String MAR_1 = "TIMESTAMP '2026-03-01 00:00:00 UTC'";

    @TempDir
    static Path work;

    private static PostgresCluster postgres;
    private static TrinoServer trino;
    private static TrinoSql sql;
    private static List<Object> firstSnapshot;
    private static List<Object> secondSnapshot;

    @BeforeAll
    static void startStackAndWriteHistory() throws Exception {
        Assumptions.assumeTrue(TrinoServer.findJava().isPresent(), "no Java 24+ JDK for Trino on this machine");
        postgres = PostgresCluster.start(work.resolve("pg"), Ports.free());
        String catalogUrl = postgres.jdbcUrl(PostgresCluster.LAKEHOUSE_DB);
        Path warehouse = work.resolve("warehouse");
        try (Lakehouse lakehouse = Lakehouse.open(new LakehouseConfig(catalogUrl, PostgresCluster.USER,
                PostgresCluster.PASSWORD, warehouse.toUri().toString()))) {
            lakehouse.ensureTables();
        }
        trino = TrinoServer.start(trinoWorkDir(), Ports.free(), TrinoCatalogEnv.localWarehouse(
                catalogUrl, PostgresCluster.USER, PostgresCluster.PASSWORD, warehouse));
        sql = new TrinoSql(trino.jdbcUrl(), "loyalty");

        // Snapshot 1: the balance row as the ledger job wrote it on 01-10; snapshot 2: as it was rewritten on 02-03.
        sql.query("""
                INSERT INTO iceberg.ledger.balances (program, member_id, available, pending, debt, lifetime_earned,
                                                     redeemed, expired, tier, as_of)
                VALUES ('acme', 'M-alice', 100, 120, 0, 220, 0, 0, 'MEMBER', TIMESTAMP '2026-01-10 00:00:00 UTC')""");
        sql.query("""
                UPDATE iceberg.ledger.balances
                SET available = 70, pending = 575, lifetime_earned = 795, redeemed = 150, tier = 'SILVER',
                    as_of = TIMESTAMP '2026-02-03 12:00:00 UTC'
                WHERE program = 'acme' AND member_id = 'M-alice'""");

        sql.query("""
                INSERT INTO iceberg.ledger.points_ledger (entry_id, program, member_id, type, points, lot_id,
                                                          occurred_at, available_at, expires_at, source_event_id)
                VALUES ('w', 'acme', 'M-alice', 'BONUS', 100, 'L-W', TIMESTAMP '2026-01-01 00:00:00 UTC',
                        TIMESTAMP '2026-01-01 00:00:00 UTC', TIMESTAMP '2027-01-01 00:00:00 UTC', 'enr'),
                       ('o1', 'acme', 'M-alice', 'EARN', 120, 'L-O1', TIMESTAMP '2026-01-05 00:00:00 UTC',
                        TIMESTAMP '2026-01-19 00:00:00 UTC', TIMESTAMP '2027-01-19 00:00:00 UTC', 'O1'),
                       ('r1', 'acme', 'M-alice', 'REDEEM', -100, 'L-W', TIMESTAMP '2026-01-20 00:00:00 UTC',
                        NULL, NULL, 'RD1'),
                       ('r2', 'acme', 'M-alice', 'REDEEM', -50, 'L-O1', TIMESTAMP '2026-01-20 00:00:00 UTC',
                        NULL, NULL, 'RD1'),
                       ('o2', 'acme', 'M-alice', 'EARN', 450, 'L-O2', TIMESTAMP '2026-02-01 00:00:00 UTC',
                        TIMESTAMP '2026-02-15 00:00:00 UTC', TIMESTAMP '2027-02-15 00:00:00 UTC', 'O2'),
                       ('o3', 'acme', 'M-alice', 'EARN', 125, 'L-O3', TIMESTAMP '2026-02-03 00:00:00 UTC',
                        TIMESTAMP '2026-02-17 00:00:00 UTC', TIMESTAMP '2027-02-17 00:00:00 UTC', 'O3'),
                       ('c2', 'acme', 'M-alice', 'CLAWBACK', -450, 'L-O2', TIMESTAMP '2026-02-05 00:00:00 UTC',
                        NULL, NULL, 'RET2')""");
        sql.query("""
                INSERT INTO iceberg.ledger.tier_history (program, member_id, from_tier, to_tier, achieved_at, cause,
                                                         source_event_id)
                VALUES ('acme', 'M-alice', NULL, 'MEMBER', TIMESTAMP '2026-01-01 00:00:00 UTC', 'enrollment', 'enr'),
                       ('acme', 'M-alice', 'MEMBER', 'SILVER', TIMESTAMP '2026-02-01 00:00:00 UTC', 'upgrade', 'O2'),
                       ('acme', 'M-alice', 'SILVER', 'MEMBER', TIMESTAMP '2026-02-05 00:00:00 UTC', 'return', 'RET2')
                """);

        QueryResult snapshots = sql.query("""
                SELECT snapshot_id, committed_at, operation
                FROM iceberg.ledger."balances$snapshots"
                ORDER BY committed_at""");
        assertThat(snapshots.rowCount()).isEqualTo(2);
        firstSnapshot = snapshots.rows().get(0);
        secondSnapshot = snapshots.rows().get(1);
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
    void theSnapshotsTableListsBothWrites() {
        assertThat(firstSnapshot.get(2)).isEqualTo("append");
        // Trino's UPDATE on a v2 table commits deletes and the new row together.
        assertThat(secondSnapshot.get(2)).isIn("overwrite", "delete");
        assertThat((Long) firstSnapshot.get(0)).isNotEqualTo(secondSnapshot.get(0));
    }

    @Test
    void forVersionAsOfReadsTheBalanceRowOfASnapshot() throws SQLException {
        assertThat(sql.query("""
                SELECT available, pending, tier, as_of
                FROM iceberg.ledger.balances FOR VERSION AS OF %d
                WHERE program = 'acme' AND member_id = 'M-alice'""".formatted((Long) firstSnapshot.get(0))).rows())
                .containsExactly(List.of(100L, 120L, "MEMBER", "2026-01-10 00:00:00.000000 UTC"));
        assertThat(sql.query("""
                SELECT available, pending, tier
                FROM iceberg.ledger.balances
                WHERE program = 'acme' AND member_id = 'M-alice'""").rows())
                .containsExactly(List.of(70L, 575L, "SILVER"));
    }

    @Test
    void forTimestampAsOfReadsTheSnapshotCurrentAtAnInstant() throws SQLException {
        String firstCommit = (String) firstSnapshot.get(1);
        assertThat(sql.query("""
                SELECT available, tier
                FROM iceberg.ledger.balances FOR TIMESTAMP AS OF TIMESTAMP '%s'
                WHERE program = 'acme' AND member_id = 'M-alice'""".formatted(firstCommit)).rows())
                .containsExactly(List.of(100L, "MEMBER"));
        // Which snapshot was current at an instant: the newest committed at or before it.
        assertThat(sql.query("""
                SELECT snapshot_id
                FROM iceberg.ledger."balances$snapshots"
                WHERE committed_at <= TIMESTAMP '%s'
                ORDER BY committed_at DESC
                LIMIT 1""".formatted(firstCommit)).rows()).containsExactly(List.of(firstSnapshot.get(0)));
    }

    @Test
    void theBalanceAtAnEventTimeIsTheSumOfTheEntriesUpToIt() throws SQLException {
        // 01-10: welcome 100 + O1 120 (pending until 01-19).
        assertThat(balanceAt(JAN_10)).containsExactly(List.of(220L, 120L, 100L));
        // 02-03 noon: 100 + 120 - 150 + 450 + 125 = 645; O2 and O3 still pending (575).
        assertThat(balanceAt(FEB_3_NOON)).containsExactly(List.of(645L, 575L, 70L));
        // 03-01 (SPEC §12 A): O2 clawed back; available 195, pending 0.
        assertThat(balanceAt(MAR_1)).containsExactly(List.of(195L, 0L, 195L));
    }

    @Test
    void theTierAtAnEventTimeIsTheLatestTierChangeUpToIt() throws SQLException {
        assertThat(tierAt(JAN_10)).containsExactly(List.of("MEMBER", "2026-01-01 00:00:00.000000 UTC"));
        assertThat(tierAt(FEB_3_NOON)).containsExactly(List.of("SILVER", "2026-02-01 00:00:00.000000 UTC"));
        assertThat(tierAt(MAR_1)).containsExactly(List.of("MEMBER", "2026-02-05 00:00:00.000000 UTC"));
    }

    /** The event-time balance query of TIME_TRAVEL.md: ledger total, pending, available. */
    private static List<List<Object>> balanceAt(String instant) throws SQLException {
        return sql.query("""
                WITH entries AS (
                    SELECT * FROM iceberg.ledger.points_ledger
                    WHERE program = 'acme' AND member_id = 'M-alice' AND occurred_at <= %1$s
                ),
                pending_lots AS (
                    SELECT DISTINCT lot_id FROM entries WHERE available_at > %1$s
                )
                SELECT sum(e.points) AS ledger_points,
                       coalesce(sum(e.points) FILTER (WHERE p.lot_id IS NOT NULL), 0) AS pending,
                       sum(e.points) - coalesce(sum(e.points) FILTER (WHERE p.lot_id IS NOT NULL), 0) AS available
                FROM entries e
                LEFT JOIN pending_lots p ON p.lot_id = e.lot_id""".formatted(instant)).rows();
    }

    private static List<List<Object>> tierAt(String instant) throws SQLException {
        return sql.query("""
                SELECT to_tier AS tier, achieved_at
                FROM iceberg.ledger.tier_history
                WHERE program = 'acme' AND member_id = 'M-alice' AND achieved_at <= %s
                ORDER BY achieved_at DESC
                LIMIT 1""".formatted(instant)).rows();
    }

    private static Path trinoWorkDir() {
        return Path.of(System.getProperty("loyalty.work", "target/work")).toAbsolutePath().resolve("trino");
    }
}
