package loyalty.lakehouse.erasure;

import static loyalty.lakehouse.erasure.IcebergAppends.append;
import static loyalty.lakehouse.erasure.IcebergAppends.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import loyalty.lakehouse.TrinoTestStack;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.table.Balances;
import loyalty.lakehouse.table.IdentityEvents;
import loyalty.lakehouse.table.IdentityLinks;
import loyalty.lakehouse.table.Members;
import loyalty.lakehouse.table.Nudges;
import loyalty.lakehouse.table.PointsLedger;
import loyalty.lakehouse.table.RawEvents;
import loyalty.lakehouse.table.TierHistory;
import loyalty.stack.trino.TrinoServer;
import loyalty.stack.trino.TrinoSql;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
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
 * Erasure end to end on a real PostgreSQL catalog, Iceberg files and Trino: three members written the way the
 * streaming jobs write (Iceberg API, many commits, so many files and snapshots), Zoe erased (she has a second
 * profile merged into her), then every file of the warehouse read and searched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErasureIntegrationTest {
    private static final String PROGRAM = "acme";
    private static final String SALT = "test-salt";
    private static final String ZOE = "M-ev-zoe-1";
    private static final String ZOE_MERGED = "M-ev-zoe-2";
    private static final String BOB = "M-ev-bob-1";
    private static final String CARA = "M-ev-cara-1";
    /** Everything that identified Zoe, as normalised and as typed; none may be left in any file. */
    private static final List<String> ZOE_TRACES = List.of("zoe.quill@ex.io", "zq.alt@ex.io", "+14155550123",
            "(415) 555-0123", "ZQCARD7781", "zqcard-7781", "CRM-ZQ-55", "dev-zoe-a1", "dev-zoe-b2", "Zoeline",
            "Quillfeather", "1988-04-17", ZOE, ZOE_MERGED);
    /** The others' identifiers: the scanner must find them, or it proves nothing. */
    private static final List<String> KEPT = List.of("bob.keep@ex.io", "+14155550999", "BOBCARD9911", "CRM-BK-77",
            "Bartholomew", "Keepington", "cara.stay@ex.io", "Carabella", BOB, CARA);
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 2, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final String LEDGER_TOTALS = "SELECT sum(points), count(*) FROM iceberg.ledger.points_ledger";
    private static final String BALANCE_TOTALS =
            "SELECT sum(available), sum(pending), sum(lifetime_earned), count(*) FROM iceberg.ledger.balances";

    @TempDir
    static Path work;

    private static TrinoTestStack stack;
    private static TrinoSql admin;
    private static Lakehouse catalog;
    private static Erasure erasure;
    private static List<Object> ledgerBefore;
    private static List<Object> balancesBefore;
    private static ErasureReport report;

    @BeforeAll
    static void writeTheProgramAndErase() throws Exception {
        Assumptions.assumeTrue(TrinoServer.findJava().isPresent(), TrinoServer.missingJavaMessage());
        stack = TrinoTestStack.start(work);
        admin = stack.as("admin");
        try (Lakehouse lakehouse = Lakehouse.open(stack.lakehouse())) {
            writeFixture(lakehouse);
        }
        ledgerBefore = admin.query(LEDGER_TOTALS).rows().get(0);
        balancesBefore = admin.query(BALANCE_TOTALS).rows().get(0);
        TrinoSql session = new TrinoSql(Erasure.jdbcUrl(stack.trino().jdbcUrl(), "iceberg", Duration.ZERO), "admin");
        catalog = Lakehouse.open(stack.lakehouse());
        erasure = new Erasure(s -> session.query(s).rows(), "iceberg",
                new CatalogManifestRewriter(catalog.catalog()), new Pseudonyms(SALT), Duration.ZERO, Clock.systemUTC());
        // By an identifier as a data subject would give it, in another spelling than stored.
        report = erasure.erase(new ErasureRequest(" Zoe.Quill@EX.io ", Optional.empty(),
                "ticket 42: zoe.quill@ex.io asked to be forgotten", "dpo@acme.example", Instant.now()));
        System.out.println("erasure " + report);
    }

    @AfterAll
    static void stop() throws Exception {
        if (catalog != null) {
            catalog.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void noFileOfTheWarehouseHoldsAnyTraceOfTheErasedMemberWhileTheOthersAreFound() throws Exception {
        Map<Path, String> files = WarehouseScanner.scan(stack.lakehouse().warehouse().startsWith("file:")
                ? Path.of(java.net.URI.create(stack.lakehouse().warehouse())) : Path.of(stack.lakehouse().warehouse()));

        assertThat(files.keySet()).anyMatch(f -> f.toString().endsWith(".parquet"))
                .anyMatch(f -> f.toString().endsWith(".avro")).anyMatch(f -> f.toString().endsWith(".metadata.json"));
        for (String trace : ZOE_TRACES) {
            assertThat(WarehouseScanner.filesContaining(files, trace)).as(trace).isEmpty();
        }
        for (String kept : KEPT) {
            assertThat(WarehouseScanner.filesContaining(files, kept)).as(kept).isNotEmpty();
        }
        // Manifests hold the bounds of each data file: the others' values are found there too.
        assertThat(WarehouseScanner.filesContaining(files, "bob.keep@ex.io"))
                .anyMatch(f -> f.toString().endsWith(".avro"));
        System.out.println("scanned_files=" + files.size());
    }

    @Test
    @Order(2)
    void totalsAreUnchangedAndTheLedgerCarriesThePseudonym() throws Exception {
        Pseudonyms pseudonyms = new Pseudonyms(SALT);
        String zoe = pseudonyms.of(PROGRAM, ZOE);
        String merged = pseudonyms.of(PROGRAM, ZOE_MERGED);

        assertThat(admin.query(LEDGER_TOTALS).rows().get(0)).isEqualTo(ledgerBefore);
        assertThat(admin.query(BALANCE_TOTALS).rows().get(0)).isEqualTo(balancesBefore);
        assertThat(report.pseudonym()).isEqualTo(zoe).matches("ERASED-[0-9a-f]{16}");
        assertThat(admin.query("SELECT member_id, sum(points) FROM iceberg.ledger.points_ledger"
                + " WHERE member_id LIKE 'ERASED-%' GROUP BY 1 ORDER BY 2").rows())
                .containsExactly(List.of(merged, 0L), List.of(zoe, 270L));
        assertThat(admin.query("SELECT available FROM iceberg.ledger.balances WHERE member_id = '" + zoe + "'")
                .rows()).containsExactly(List.of(270L));
        assertThat(admin.query("SELECT nudge_id FROM iceberg.ledger.nudges WHERE member_id = '" + zoe + "'")
                .rows()).containsExactly(List.of("WELCOME:" + zoe + ":ev-zoe-1"));
        // Her events stay, amounts and all, under one pseudonymous CRM id: a replay resolves them to one member.
        assertThat(admin.query("SELECT count(*), count(DISTINCT identifiers.crm_id), max(identifiers.crm_id),"
                + " count(identifiers.email) FROM iceberg.raw.events WHERE event_id LIKE 'ev-zoe-%'").rows())
                .containsExactly(List.of(5L, 1L, zoe, 0L));
        assertThat(admin.query("SELECT payload FROM iceberg.raw.events WHERE event_id = 'ev-zoe-o1'").rows())
                .containsExactly(List.of("{\"order_id\":\"o-1\",\"net_amount\":120.5}"));
        assertThat(admin.query("SELECT payload FROM iceberg.raw.events WHERE event_id = 'ev-zoe-1'").rows())
                .containsExactly(List.of("{\"country\":\"US\"}"));
        // Cara's event named Zoe as referrer: that value went, the rest of Cara's event stayed.
        assertThat(admin.query("SELECT payload, identifiers.email FROM iceberg.raw.events"
                + " WHERE event_id = 'ev-cara-1'").rows())
                .containsExactly(List.of("{\"first_name\":\"Carabella\",\"referred_by\":{}}", "cara.stay@ex.io"));
        assertThat(admin.query("SELECT member_id, status, merged_into FROM iceberg.identity.members"
                + " WHERE status = 'ERASED'").rows()).containsExactlyInAnyOrder(
                Arrays.asList(zoe, "ERASED", null), Arrays.asList(merged, "ERASED", zoe));
        assertThat(admin.query("SELECT survivor_id, loser_id, members, identifiers, detail"
                + " FROM iceberg.identity.identity_events").rows()).containsExactly(List.of(zoe, merged,
                List.of(zoe, merged), List.of(), "merged " + merged + " into " + zoe + " via card [erased]"));
    }

    @Test
    @Order(3)
    void everyChangedTableIsLeftWithOneSnapshotAndTheAuditRowNamesNoIdentifier() throws Exception {
        assertThat(report.rowsChanged()).containsEntry("raw.events", 6L) // Zoe's 5 + Cara's mention
                .containsEntry("identity.identity_links", 7L).containsEntry("identity.members", 4L)
                .containsEntry("ledger.points_ledger", 5L).containsEntry("ledger.balances", 2L)
                .containsEntry("ledger.nudges", 1L).containsEntry("ledger.tier_history", 1L)
                .containsEntry("identity.identity_events", 1L);
        assertThat(report.membersErased()).isEqualTo(2);
        assertThat(report.filesRewritten()).isPositive();
        assertThat(report.tables()).allSatisfy(t -> assertThat(t.snapshotsAfter()).as(t.table()).isEqualTo(1));
        assertThat(report.snapshotsExpired()).isGreaterThan(20);
        List<Object> audit = admin.query("SELECT pseudonym, requested_by, reason, members_erased,"
                + " rows_changed['raw.events'], files_rewritten FROM iceberg.audit.erasures").rows().get(0);
        assertThat(audit).containsExactly(report.pseudonym(), "dpo@acme.example",
                "ticket 42: [erased] asked to be forgotten", 2, 6L, report.filesRewritten());
    }

    @Test
    @Order(4)
    void anErasedOrUnknownMemberIsReportedAndNothingChanges() throws Exception {
        List<Object> before = admin.query(LEDGER_TOTALS).rows().get(0);
        ErasureRequest again = new ErasureRequest(ZOE, Optional.empty(), "again", "dpo", Instant.now());

        assertThatThrownBy(() -> erasure.erase(again)).isInstanceOf(UnknownMemberException.class)
                .hasMessage("No member has the id or identifier 'M-ev-zoe-1'.");
        assertThatThrownBy(() -> erasure.erase(new ErasureRequest("nobody@ex.io", Optional.of(PROGRAM), "r", "dpo",
                Instant.now()))).isInstanceOf(UnknownMemberException.class)
                .hasMessage("No member has the id or identifier 'nobody@ex.io' in program acme.");
        assertThat(admin.query(LEDGER_TOTALS).rows().get(0)).isEqualTo(before);
        assertThat(admin.query("SELECT count(*) FROM iceberg.audit.erasures").rows()).containsExactly(List.of(1L));
    }

    // ---- the program as the streaming jobs would have left it ----

    private static void writeFixture(Lakehouse lakehouse) throws Exception {
        Table raw = lakehouse.load(RawEvents.DEFINITION);
        // One commit per event, as Flink's checkpoints leave a busy table.
        append(raw, List.of(event("ev-zoe-1", "member.enrolled", 0, ids("Zoe.Quill@EX.io ", "(415) 555-0123",
                        "zqcard-7781", "CRM-ZQ-55", null),
                "{\"first_name\":\"Zoeline\",\"last_name\":\"Quillfeather\",\"birth_date\":\"1988-04-17\","
                        + "\"email\":\"Zoe.Quill@EX.io\",\"country\":\"US\"}")));
        append(raw, List.of(event("ev-bob-1", "member.enrolled", 1, ids("bob.keep@ex.io", "+1 415 555 0999",
                        "BOBCARD9911", "CRM-BK-77", null),
                "{\"first_name\":\"Bartholomew\",\"last_name\":\"Keepington\"}")));
        append(raw, List.of(event("ev-zoe-2", "engagement.recorded", 2, ids("zq.alt@ex.io", null, null, null,
                "dev-zoe-b2"), "{\"first_name\":\"Zoeline\",\"kind\":\"review\"}")));
        append(raw, List.of(event("ev-zoe-o1", "order.completed", 3, ids(null, null, "ZQCARD7781", null, null),
                "{\"order_id\":\"o-1\",\"net_amount\":120.5}")));
        append(raw, List.of(event("ev-zoe-m", "order.completed", 4, ids("zq.alt@ex.io", null, "ZQCARD7781", null,
                null), "{\"order_id\":\"o-2\",\"net_amount\":0}"),
                event("ev-zoe-d", "engagement.recorded", 4, ids(null, null, null, null, "dev-zoe-a1"),
                        "{\"kind\":\"app_open\"}")));
        append(raw, List.of(event("ev-cara-1", "profile.updated", 5, ids("cara.stay@ex.io", null, null, null, null),
                "{\"first_name\":\"Carabella\",\"referred_by\":{\"email\":\"zoe.quill@ex.io\"}}"),
                event("ev-bob-o1", "order.completed", 5, ids(null, null, "BOBCARD9911", null, null),
                        "{\"order_id\":\"o-3\",\"net_amount\":200}")));

        Table members = lakehouse.load(Members.DEFINITION);
        append(members, List.of(member(ZOE, "ACTIVE", null, "Zoeline", "Quillfeather", List.of("zoe.quill@ex.io"),
                List.of("+14155550123"), List.of("ZQCARD7781"), "CRM-ZQ-55", List.of("dev-zoe-a1")),
                member(BOB, "ACTIVE", null, "Bartholomew", "Keepington", List.of("bob.keep@ex.io"),
                        List.of("+14155550999"), List.of("BOBCARD9911"), "CRM-BK-77", List.of())));
        append(members, List.of(member(ZOE_MERGED, "MERGED", ZOE, "Zoeline", null, List.of("zq.alt@ex.io"), List.of(),
                List.of(), null, List.of("dev-zoe-b2")),
                member(CARA, "ACTIVE", null, "Carabella", null, List.of("cara.stay@ex.io"), List.of(), List.of(), null,
                        List.of())));

        Table links = lakehouse.load(IdentityLinks.DEFINITION);
        append(links, List.of(link("email", "zoe.quill@ex.io", ZOE, "ev-zoe-1"),
                link("phone", "+14155550123", ZOE, "ev-zoe-1"), link("card", "ZQCARD7781", ZOE, "ev-zoe-1"),
                link("crm_id", "CRM-ZQ-55", ZOE, "ev-zoe-1"), link("email", "bob.keep@ex.io", BOB, "ev-bob-1"),
                link("phone", "+14155550999", BOB, "ev-bob-1"), link("card", "BOBCARD9911", BOB, "ev-bob-1"),
                link("crm_id", "CRM-BK-77", BOB, "ev-bob-1")));
        append(links, List.of(link("email", "zq.alt@ex.io", ZOE_MERGED, "ev-zoe-2"),
                link("device_id", "dev-zoe-b2", ZOE_MERGED, "ev-zoe-2"),
                link("email", "cara.stay@ex.io", CARA, "ev-cara-1")));
        append(links, List.of(link("device_id", "dev-zoe-a1", ZOE, "ev-zoe-d")));

        append(lakehouse.load(IdentityEvents.DEFINITION), List.of(row(IdentityEvents.SCHEMA, "program", PROGRAM,
                "record_id", "r-1", "kind", "identity.merged", "event_id", "ev-zoe-m", "occurred_at", at(4),
                "survivor_id", ZOE, "loser_id", ZOE_MERGED, "members", List.of(ZOE, ZOE_MERGED), "reason",
                "shared_card", "detail", "merged " + ZOE_MERGED + " into " + ZOE + " via card ZQCARD7781",
                "identifiers", List.of("email:zq.alt@ex.io", "card:ZQCARD7781"))));

        Table ledger = lakehouse.load(PointsLedger.DEFINITION);
        append(ledger, List.of(entry("L-1", ZOE, "EARN", 100, "ev-zoe-1", 0, null),
                entry("L-2", BOB, "EARN", 200, "ev-bob-1", 1, null)));
        append(ledger, List.of(entry("L-3", ZOE_MERGED, "EARN", 50, "ev-zoe-2", 2, null)));
        append(ledger, List.of(entry("L-4", ZOE, "EARN", 120, "ev-zoe-o1", 3, null)));
        append(ledger, List.of(entry("L-5", ZOE_MERGED, "TRANSFER_OUT", -50, "ev-zoe-m", 4, "to " + ZOE),
                entry("L-6", ZOE, "TRANSFER_IN", 50, "ev-zoe-m", 4, "from " + ZOE_MERGED)));
        append(ledger, List.of(entry("L-7", BOB, "REDEEM", -30, "ev-bob-o1", 5, null),
                entry("L-8", CARA, "EARN", 10, "ev-cara-1", 5, null)));

        Table balances = lakehouse.load(Balances.DEFINITION);
        append(balances, List.of(balance(ZOE, 100), balance(BOB, 200), balance(ZOE_MERGED, 50)));
        append(balances, List.of(balance(ZOE, 270), balance(ZOE_MERGED, 0), balance(BOB, 170), balance(CARA, 10)));
        // The second commit is what the UPSERT sink's rows say now; the first is history (older snapshot only).
        balances.newDelete().deleteFromRowFilter(org.apache.iceberg.expressions.Expressions.alwaysTrue()).commit();
        append(balances, List.of(balance(ZOE, 270), balance(ZOE_MERGED, 0), balance(BOB, 170), balance(CARA, 10)));

        append(lakehouse.load(Nudges.DEFINITION), List.of(nudge("WELCOME:" + ZOE + ":ev-zoe-1", ZOE),
                nudge("WELCOME:" + BOB + ":ev-bob-1", BOB)));
        append(lakehouse.load(TierHistory.DEFINITION), List.of(row(TierHistory.SCHEMA, "program", PROGRAM,
                "member_id", ZOE, "to_tier", "SILVER", "achieved_at", at(3), "cause", "qualifying_spend",
                "source_event_id", "ev-zoe-o1")));
    }

    private static OffsetDateTime at(int hours) {
        return T0.plusHours(hours);
    }

    private static GenericRecord ids(String email, String phone, String card, String crm, String device) {
        Types.StructType type = RawEvents.SCHEMA.findField("identifiers").type().asStructType();
        GenericRecord ids = GenericRecord.create(type);
        ids.setField("email", email);
        ids.setField("phone", phone);
        ids.setField("card", card);
        ids.setField("crm_id", crm);
        ids.setField("device_id", device);
        return ids;
    }

    private static Record event(String id, String type, int hour, GenericRecord ids, String payload) {
        return row(RawEvents.SCHEMA, "event_id", id, "type", type, "program", PROGRAM, "occurred_at", at(hour),
                "source", "pos", "identifiers", ids, "payload", payload, "ingested_at", at(hour).plusSeconds(1),
                "kafka_topic", "loyalty.events", "kafka_partition", 0, "kafka_offset", (long) hour);
    }

    private static Record member(String id, String status, String mergedInto, String first, String last,
                                 List<String> emails, List<String> phones, List<String> cards, String crm,
                                 List<String> devices) {
        String createdBy = id.substring(2);
        return row(Members.SCHEMA, "program", PROGRAM, "member_id", id, "status", status, "merged_into", mergedInto,
                "merged_at", mergedInto == null ? null : at(4), "created_at", at(0), "created_by_event", createdBy,
                "enrolled_at", at(0), "first_name", first, "last_name", last, "birth_date",
                ZOE.equals(id) ? LocalDate.of(1988, 4, 17) : LocalDate.of(1990, 1, 1), "country", "US",
                "emails", emails, "phones", phones, "cards", cards, "crm_id", crm, "devices", devices,
                "updated_at", at(4), "updated_by_event", createdBy);
    }

    private static Record link(String type, String value, String member, String event) {
        return row(IdentityLinks.SCHEMA, "program", PROGRAM, "link_id", member + ":" + type + ":" + value.hashCode(),
                "identifier_type", type, "identifier_value", value, "member_id", member, "valid_from", at(0),
                "linked_by_event", event);
    }

    private static Record entry(String id, String member, String type, long points, String source, int hour,
                                String note) {
        return row(PointsLedger.SCHEMA, "entry_id", id, "program", PROGRAM, "member_id", member, "type", type,
                "points", points, "occurred_at", at(hour), "source_event_id", source, "note", note);
    }

    private static Record balance(String member, long available) {
        return row(Balances.SCHEMA, "program", PROGRAM, "member_id", member, "available", available, "pending", 0L,
                "debt", 0L, "lifetime_earned", Math.max(available, 0), "redeemed", 0L, "expired", 0L,
                "as_of", at(5));
    }

    private static Record nudge(String id, String member) {
        return row(Nudges.SCHEMA, "nudge_id", id, "program", PROGRAM, "member_id", member, "type", "WELCOME",
                "status", "DELIVERED", "triggered_at", at(0), "rule_version", "v1", "holdout", false,
                "context", "{\"available\":100,\"tier\":\"BASE\"}");
    }
}
