package loyalty.flink.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.flink.common.IcebergTables;
import loyalty.flink.common.LocalFlink;
import loyalty.flink.raw.RawEvent;
import loyalty.flink.raw.RawEventRows;
import loyalty.flink.raw.RawEventsReader;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.RawEvents;
import loyalty.stack.Ports;
import loyalty.stack.postgres.PostgresCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.sink.IcebergSink;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch replay over raw.events in Iceberg (real PostgreSQL catalog, Flink MiniCluster in BATCH mode): SPEC §12
 * examples A and C, stored with raw identifiers and out of order, come out of identity resolution and the ledger as
 * the SPEC says; effects past the horizon are not applied; a second replay writes the same rows.
 */
class ReplayJobTest {
    private static final String PROGRAM = "acme";

    @TempDir
    static Path work;
    static PostgresCluster postgres;
    static LakehouseConfig lakehouse;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresCluster.start(work.resolve("pg"), Ports.free());
        lakehouse = new LakehouseConfig(postgres.jdbcUrl(PostgresCluster.LAKEHOUSE_DB), PostgresCluster.USER,
                PostgresCluster.PASSWORD, work.resolve("warehouse").toUri().toString());
        IcebergTables.ensure(lakehouse, List.of(RawEvents.DEFINITION));
        List<RawEvent> history = new ArrayList<>(List.of(
                event("a1", EventType.MEMBER_ENROLLED, "2026-01-01", ids("Alice@X.com", null), "{}"),
                event("a2", EventType.ORDER_COMPLETED, "2026-01-05", ids("alice@x.com", null), order("O1", "120.50")),
                event("a3", EventType.REDEMPTION_REQUESTED, "2026-01-10", ids("alice@x.com", null),
                        "{\"redemption_id\":\"R1\",\"points\":150}"),
                event("a4", EventType.REDEMPTION_REQUESTED, "2026-01-20", ids("alice@x.com", null),
                        "{\"redemption_id\":\"R2\",\"points\":150}"),
                event("a5", EventType.ORDER_COMPLETED, "2026-02-01", ids("alice@x.com", null), order("O2", "450.00")),
                event("a6", EventType.ORDER_COMPLETED, "2026-02-03", ids("alice@x.com", null), order("O3", "100.00")),
                event("a7", EventType.ORDER_RETURNED, "2026-02-05", ids("alice@x.com", null),
                        "{\"return_id\":\"X1\",\"order_id\":\"O2\",\"refund_amount\":\"450.00\"}"),
                event("c1", EventType.MEMBER_ENROLLED, "2026-01-01", ids("bob@x.com", null), "{}"),
                event("c2", EventType.MEMBER_ENROLLED, "2026-01-02", ids(null, "C-1"), "{}"),
                event("c3", EventType.ORDER_COMPLETED, "2026-01-03", ids(null, "C-1"), order("O9", "200.00")),
                event("c4", EventType.PROFILE_UPDATED, "2026-01-05", ids("BOB@X.COM", "C 1"), "{}"),
                event("t1", EventType.ENGAGEMENT_RECORDED, "2026-03-01", ids("nobody@x.com", null),
                        "{\"kind\":\"review\"}")));
        java.util.Collections.reverse(history);
        StreamExecutionEnvironment env = LocalFlink.batchEnvironment(1);
        List<RowData> rows = history.stream().map(RawEventRows::toRow).toList();
        IcebergSink.forRowData(env.fromData(rows, RawEventRows.typeInfo()))
                .tableLoader(IcebergTables.loader(lakehouse, RawEvents.ID))
                .append();
        env.execute("store-raw-events");
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theHistoryReplaysToTheSpecsBalancesUpToTheHorizon() throws Exception {
        Instant latest;
        try (RawEventsReader reader = RawEventsReader.open(lakehouse)) {
            latest = reader.latestOccurredAt().orElseThrow();
        }
        assertThat(latest).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));

        ReplayJob.runLocal(ReplaySettings.of(lakehouse, "replay", latest, 2));

        Map<String, long[]> balances = balances("replay");
        assertThat(balances.get("M-a1")).as("example A: available, pending").containsExactly(195, 0);
        assertThat(balances.get("M-c1")).as("example C: the survivor").containsExactly(300, 0);
        assertThat(balances.get("M-c2")[0] + balances.get("M-c2")[1]).as("example C: the merged-away member")
                .isZero();
        assertThat(entries("replay").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(495);
        assertThat(entries("replay").keySet()).as("nothing expires before the horizon")
                .noneMatch(id -> id.contains(":EXPIRE:"));

        ReplayJob.runLocal(ReplaySettings.of(lakehouse, "replay_again", latest, 1));
        assertThat(entries("replay_again")).as("the same history gives the same ledger").isEqualTo(entries("replay"));
    }

    @Test
    void aHorizonAYearOnAppliesExpiryAndAnUntilCutsTheHistory() throws Exception {
        Instant yearOn = Instant.parse("2027-03-01T00:00:00Z");
        ReplayJob.runLocal(ReplaySettings.of(lakehouse, "replay_year", yearOn, 1));
        Map<String, long[]> balances = balances("replay_year");
        assertThat(balances.get("M-c1")).as("bob's lots expired after 365 days").containsExactly(0, 0);
        assertThat(entries("replay_year").values().stream().mapToLong(Long::longValue).sum()).isZero();

        Instant january = Instant.parse("2026-01-31T00:00:00Z");
        ReplayJob.runLocal(new ReplaySettings(lakehouse, "replay_january", january, january, List.of(), null, 1));
        assertThat(entries("replay_january").keySet()).noneMatch(id -> id.startsWith("a5:"));
        assertThat(balances("replay_january")).doesNotContainKey("M-nobody").containsKeys("M-a1", "M-c1");
    }

    @Test
    void aCandidateRuleSetGovernsTheSimulatedPeriodAndTheFiguresShowIt() throws Exception {
        Instant from = Instant.parse("2026-02-01T00:00:00Z");
        Instant to = Instant.parse("2026-03-01T12:00:00Z");
        String payload = "{\"effective_from\":\"" + from + "\",\"rule_set\":{\"version\":\"double\","
                + "\"base_rate\":\"2\"}}";
        RawEvent candidate = new RawEvent("simulation:double", EventType.RULES_PUBLISHED.wireName(), PROGRAM,
                from.minusMillis(1), "simulation", Identifiers.NONE, payload, from, "simulation", 0, 0);
        ReplayJob.runLocal(ReplaySettings.of(lakehouse, "baseline", to, 1));
        ReplayJob.runLocal(new ReplaySettings(lakehouse, "simulation", to, to, List.of(candidate), from, 1));

        LedgerFigures baseline = LedgerFigures.read(lakehouse, "baseline", from, to);
        LedgerFigures simulated = LedgerFigures.read(lakehouse, "simulation", from, to);
        // February's orders: O2 450, O3 100 at SILVER ×1.25 = 125; at base rate 2 they earn twice, and O2's return
        // takes back twice as much too, so the liability grows by O3's extra 125
        assertThat(baseline.issued()).containsEntry("EARN", 575L);
        assertThat(simulated.issued()).containsEntry("EARN", 1_150L);
        assertThat(baseline.liabilityPoints()).isEqualTo(195 + 300);
        assertThat(simulated.liabilityPoints() - baseline.liabilityPoints()).isEqualTo(125);
        assertThat(simulated.tiers()).isEqualTo(baseline.tiers());
        assertThat(entries("simulation")).containsEntry("a6:EARN", 250L).containsEntry("a2:EARN", 120L);
        // the candidate's audit row goes to the simulation's own copy of audit.rule_set_publications
        assertThat(rows("baseline", "rule_set_publications")).isEmpty();
        assertThat(rows("simulation", "rule_set_publications")).singleElement().satisfies(r -> {
            assertThat(r.getField("event_id")).isEqualTo("simulation:double");
            assertThat(r.getField("status")).isEqualTo("ACCEPTED");
            assertThat(r.getField("published_by")).isEqualTo("simulation");
            assertThat((String) r.getField("diff")).startsWith("[{\"op\":\"add\"").contains("\"path\":\"/base_rate\"");
        });
    }

    private static Map<String, long[]> balances(String namespace) throws Exception {
        Map<String, long[]> out = new HashMap<>();
        for (Record r : rows(namespace, "balances")) {
            out.put((String) r.getField("member_id"),
                    new long[] {(Long) r.getField("available"), (Long) r.getField("pending")});
        }
        return out;
    }

    private static Map<String, Long> entries(String namespace) throws Exception {
        Map<String, Long> out = new HashMap<>();
        for (Record r : rows(namespace, "points_ledger")) {
            assertThat(out.put((String) r.getField("entry_id"), (Long) r.getField("points")))
                    .as("entry id written once").isNull();
        }
        return out;
    }

    private static List<Record> rows(String namespace, String table) throws Exception {
        try (Lakehouse catalog = Lakehouse.open(lakehouse)) {
            Table t = catalog.catalog().loadTable(TableIdentifier.of(namespace, table));
            List<Record> out = new ArrayList<>();
            try (CloseableIterable<Record> all = IcebergGenerics.read(t).build()) {
                all.forEach(r -> out.add(r.copy()));
            }
            return out;
        }
    }

    private static RawEvent event(String id, EventType type, String date, Identifiers ids, String payload) {
        Instant at = Instant.parse(date + "T12:00:00Z");
        return new RawEvent(id, type.wireName(), PROGRAM, at, "pos", ids, payload, at, "loyalty.input.pos", 0, 0);
    }

    private static Identifiers ids(String email, String card) {
        return new Identifiers(email, null, card, null, null);
    }

    private static String order(String id, String amount) {
        return "{\"order_id\":\"" + id + "\",\"net_amount\":\"" + amount + "\",\"currency\":\"USD\"}";
    }
}
