package loyalty.flink.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import loyalty.contract.event.EventJson;
import loyalty.flink.identity.KeyedJson;
import loyalty.flink.identity.RowByName;
import loyalty.lakehouse.table.IdentityLinks;
import loyalty.lakehouse.table.Members;
import loyalty.ledger.core.Balance;
import loyalty.ledger.core.EntryType;
import loyalty.ledger.core.LedgerEntry;
import loyalty.stack.Ports;
import loyalty.stack.postgres.PostgresCluster;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving writer against a real PostgreSQL with the schema compose and the local stack apply: delivery is at
 * least once, so every batch is written twice here, and replays of older rows come after newer ones.
 */
class ServingSinkTest {
    private static final Instant T1 = Instant.parse("2026-01-05T12:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-06T12:00:00Z");
    private static final Instant T3 = Instant.parse("2026-01-07T12:00:00Z");

    @TempDir
    static Path work;

    private static PostgresCluster postgres;
    private static ServingDb db;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresCluster.start(work.resolve("pg"), Ports.free());
        db = new ServingDb(postgres.jdbcUrl(PostgresCluster.SHOP_DB), PostgresCluster.USER, PostgresCluster.PASSWORD);
        ServingSchema.ensure(db);
        ServingSchema.ensure(db); // idempotent: the local stack, each job and compose's init all apply it
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void empty() throws SQLException {
        execute("TRUNCATE serving.balances, serving.ledger_entries, serving.identifiers, serving.members");
    }

    @Test
    void theSameBatchTwiceLeavesTheSameRows() throws Exception {
        List<KeyedJson> entries = List.of(
                entry("e1:BONUS:0", "M-1", EntryType.BONUS, 100, T1, List.of()),
                entry("o1:EARN:0", "M-1", EntryType.EARN, 120, T2, List.of("double-days", "shoes")),
                entry("o2:EARN:0", "M-2", EntryType.EARN, 40, T2, List.of()));
        List<KeyedJson> balances = List.of(balance("M-1", T1, 100, 0), balance("M-1", T2, 100, 120),
                balance("M-2", T2, 0, 40));
        for (int delivery = 0; delivery < 2; delivery++) {
            write(new EntryRows(), entries, 500);
            write(new BalanceRows(), balances, 500);
        }
        assertThat(query("SELECT count(*), sum(points) FROM serving.ledger_entries")).containsExactly("3|260");
        assertThat(query("SELECT campaign_ids::text FROM serving.ledger_entries WHERE entry_id = 'o1:EARN:0'"))
                .containsExactly("{double-days,shoes}");
        assertThat(query("SELECT member_id, available, pending, as_of FROM serving.balances ORDER BY 1"))
                .containsExactly("M-1|100|120|" + sqlTime(T2), "M-2|0|40|" + sqlTime(T2));
        assertThat(query("SELECT jsonb_array_length(lots), lots->0->>'lot_id', lots->0->>'expires_at'"
                + " FROM serving.balances WHERE member_id = 'M-1'"))
                .containsExactly("1|lot-M-1|2027-01-05T12:00:00Z");
    }

    @Test
    void anOlderBalanceReplayedAfterANewerOneChangesNothing() throws Exception {
        write(new BalanceRows(), List.of(balance("M-1", T1, 100, 0), balance("M-1", T3, 220, 0)), 500);
        write(new BalanceRows(), List.of(balance("M-1", T2, 100, 120)), 500);
        assertThat(query("SELECT available, pending, as_of FROM serving.balances"))
                .containsExactly("220|0|" + sqlTime(T3));
    }

    @Test
    void ofTwoBalancesAtTheSameInstantTheLaterWrittenWins() throws Exception {
        // Two events of one member at the same time: the second balance is the one after both.
        write(new BalanceRows(), List.of(balance("M-1", T2, 100, 0)), 500);
        write(new BalanceRows(), List.of(balance("M-1", T2, 100, 120)), 500);
        assertThat(query("SELECT available, pending FROM serving.balances")).containsExactly("100|120");
    }

    @Test
    void aFullBatchIsWrittenBeforeTheCheckpointAndRowsOfOneKeyFoldIntoTheLast() throws Exception {
        try (ServingWriter<KeyedJson> writer = new ServingWriter<>(db, new BalanceRows(), 2, new SimpleCounter())) {
            writer.write(balance("M-1", T1, 100, 0), null);
            writer.write(balance("M-1", T2, 100, 120), null); // same key: still one pending row
            assertThat(query("SELECT count(*) FROM serving.balances")).containsExactly("0");
            writer.write(balance("M-2", T2, 0, 40), null); // two keys: the batch is full
            assertThat(query("SELECT member_id, pending FROM serving.balances ORDER BY 1"))
                    .containsExactly("M-1|120", "M-2|40");
        }
    }

    @Test
    void aMergeMovesTheIdentifierAndAReplayOfTheWholeHistoryEndsTheSame() throws Exception {
        RowData aOpened = link("email", "bob@x.com", "M-a", T1, "e1", null);
        RowData aClosed = link("email", "bob@x.com", "M-a", T1, "e1", T2);
        RowData bOpened = link("email", "bob@x.com", "M-b", T2, "e7", null);
        RowData cardOpened = link("card", "C12", "M-a", T1, "e1", null);
        write(new IdentifierRows(), List.of(aOpened, cardOpened), 500);
        assertThat(holder("email", "bob@x.com")).containsExactly("M-a");

        // The merge closes one link and opens the other; each order, each split over flushes.
        write(new IdentifierRows(), List.of(aClosed, bOpened), 500);
        assertThat(holder("email", "bob@x.com")).containsExactly("M-b");
        write(new IdentifierRows(), List.of(bOpened), 500);
        write(new IdentifierRows(), List.of(aClosed), 500);
        assertThat(holder("email", "bob@x.com")).containsExactly("M-b");

        // A restart replays everything since an old checkpoint, in order: in one flush, and row by row.
        write(new IdentifierRows(), List.of(aOpened, cardOpened, bOpened, aClosed), 500);
        assertThat(holder("email", "bob@x.com")).containsExactly("M-b");
        write(new IdentifierRows(), List.of(aOpened, cardOpened, bOpened, aClosed), 1);
        assertThat(holder("email", "bob@x.com")).containsExactly("M-b");
        assertThat(holder("card", "C12")).containsExactly("M-a");
        assertThat(query("SELECT count(*) FROM serving.identifiers")).containsExactly("2");
    }

    @Test
    void aDeviceMovedByALateEventGoesToItsNewMemberThoughItsLinkStartsEarlier() throws Exception {
        // A late event dates its link by its own occurred_at (SPEC §1), before the link it replaces began.
        write(new IdentifierRows(), List.of(link("device_id", "d-9", "M-a", T2, "e2", null)), 500);
        write(new IdentifierRows(), List.of(link("device_id", "d-9", "M-a", T2, "e2", T1),
                link("device_id", "d-9", "M-b", T1, "late-1", null)), 500);
        assertThat(holder("device_id", "d-9")).containsExactly("M-b");
    }

    @Test
    void aMergedMemberStaysMergedWhenAnOlderProfileIsReplayed() throws Exception {
        RowData active = member("M-a", "ACTIVE", null, null);
        RowData merged = member("M-a", "MERGED", "M-b", T2);
        write(new MemberRows(), List.of(active, member("M-b", "ACTIVE", null, null), merged), 500);
        write(new MemberRows(), List.of(active), 500);
        assertThat(query("SELECT member_id, status, merged_into FROM serving.members ORDER BY 1"))
                .containsExactly("M-a|MERGED|M-b", "M-b|ACTIVE|null");
    }

    @Test
    void aFailedWriteFailsTheTaskAndLeavesNothingHalfWritten() throws Exception {
        execute("ALTER TABLE serving.ledger_entries ADD CONSTRAINT points_small CHECK (points < 1000)");
        try {
            assertThatThrownBy(() -> write(new EntryRows(), List.of(
                    entry("ok:EARN:0", "M-1", EntryType.EARN, 10, T1, List.of()),
                    entry("big:EARN:0", "M-1", EntryType.EARN, 5000, T1, List.of())), 500))
                    .isInstanceOf(IOException.class).hasMessageContaining("serving.ledger_entries")
                    .hasMessageContaining("points_small");
            assertThat(query("SELECT count(*) FROM serving.ledger_entries")).containsExactly("0");
        } finally {
            execute("ALTER TABLE serving.ledger_entries DROP CONSTRAINT points_small");
        }
    }

    // ---------------------------------------------------------------- records as the jobs emit them

    private static KeyedJson balance(String member, Instant asOf, long available, long pending) throws Exception {
        Balance b = new Balance("acme", member, available, pending, 0, available + pending, 0, 0, "MEMBER", T1, asOf);
        List<ServingBalance.OpenLot> lots = pending == 0 ? List.of() : List.of(new ServingBalance.OpenLot(
                "lot-" + member, EntryType.EARN, pending, pending, ServingBalance.OpenLot.PENDING, asOf,
                asOf.plusSeconds(14L * 86_400), Instant.parse("2027-01-05T12:00:00Z")));
        return new KeyedJson(member, EventJson.mapper().writeValueAsBytes(new ServingBalance(b, lots)));
    }

    private static KeyedJson entry(String id, String member, EntryType type, long points, Instant at,
                                   List<String> campaigns) throws Exception {
        LedgerEntry e = new LedgerEntry(id, "acme", member, type, points, "lot-" + id, at, at, at.plusSeconds(86_400),
                id.split(":")[0], "default", campaigns, null);
        return new KeyedJson(member, EventJson.mapper().writeValueAsBytes(e));
    }

    private static RowData link(String kind, String value, String member, Instant from, String byEvent, Instant to) {
        return RowByName.of(IdentityLinks.SCHEMA)
                .set("program", "acme")
                .set("link_id", String.join("/", kind, value, member, byEvent))
                .set("identifier_type", kind)
                .set("identifier_value", value)
                .set("member_id", member)
                .set("valid_from", from)
                .set("linked_by_event", byEvent)
                .set("valid_to", to)
                .set("ended_by_event", to == null ? null : "e-close")
                .set("end_reason", to == null ? null : "merged")
                .build();
    }

    private static RowData member(String id, String status, String mergedInto, Instant mergedAt) {
        return RowByName.of(Members.SCHEMA)
                .set("program", "acme")
                .set("member_id", id)
                .set("status", status)
                .set("merged_into", mergedInto)
                .set("merged_at", mergedAt)
                .set("created_at", T1)
                .set("created_by_event", "e-" + id)
                .set("updated_at", mergedAt == null ? T1 : mergedAt)
                .set("updated_by_event", "e-" + id)
                .build();
    }

    // ---------------------------------------------------------------- plumbing

    /** One delivery: every record through a fresh writer, then the flush a checkpoint makes. */
    private static <T> void write(ServingTable<T> table, List<T> records, int batchSize) throws Exception {
        try (ServingWriter<T> writer = new ServingWriter<>(db, table, batchSize, new SimpleCounter())) {
            for (T r : records) {
                writer.write(r, null);
            }
            writer.flush(false);
        }
    }

    private static List<String> holder(String kind, String value) throws SQLException {
        return query("SELECT member_id FROM serving.identifiers WHERE program = 'acme' AND kind = '" + kind
                + "' AND value = '" + value + "'");
    }

    private static String sqlTime(Instant t) throws SQLException {
        return query("SELECT '" + t + "'::timestamptz").get(0);
    }

    private static List<String> query(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
