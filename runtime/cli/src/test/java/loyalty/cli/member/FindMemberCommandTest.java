package loyalty.cli.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import loyalty.cli.LoyaltyCommand;
import loyalty.cli.stack.StackState;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.IdentityLinks;
import loyalty.lakehouse.table.Members;
import loyalty.stack.Ports;
import loyalty.stack.postgres.PostgresCluster;
import loyalty.stack.trino.TrinoCatalogEnv;
import loyalty.stack.trino.TrinoServer;
import loyalty.stack.trino.TrinoSql;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code loyalty member find} against real identity tables: rows written with the Iceberg Java API into a JDBC
 * catalog in PostgreSQL, read back through Trino, searched with values typed the way people type them.
 *
 * <p>The story in the tables (program acme): bob enrolled 01-01 with bob@x.com, Bob.Stone@gmail.com, a phone, crm id
 * 42 and device d-9 (M-crm-000001); card C12 enrolled separately 01-02 (M-pos-000002); on 01-05 event pos-000050
 * carried both, so M-pos-000002 merged into M-crm-000001 and the card's link moved. Program beta also knows bob@x.com.
 */
class FindMemberCommandTest {
    private static final OffsetDateTime JAN_1 = at("2026-01-01T08:00:00Z");
    private static final OffsetDateTime JAN_2 = at("2026-01-02T09:00:00Z");
    private static final OffsetDateTime JAN_5 = at("2026-01-05T12:00:00Z");
    private static final String BOB = "M-crm-000001";
    private static final String CARD_ONLY = "M-pos-000002";
    private static final String BETA_BOB = "M-web-000007";

    @TempDir
    static Path work;

    private static PostgresCluster postgres;
    private static TrinoServer trino;

    @BeforeAll
    static void writeTheTablesAndStartTrino() throws Exception {
        if (TrinoServer.findJava().isEmpty()) {
            return; // the tests that need Trino skip themselves; the input checks still run
        }
        postgres = PostgresCluster.start(work.resolve("pg"), Ports.free());
        Path warehouse = work.resolve("warehouse");
        LakehouseConfig config = new LakehouseConfig(postgres.jdbcUrl(PostgresCluster.LAKEHOUSE_DB),
                PostgresCluster.USER, PostgresCluster.PASSWORD, warehouse.toUri().toString());
        try (Lakehouse lakehouse = Lakehouse.open(config)) {
            lakehouse.ensureTables();
            IcebergRows.append(lakehouse.load(Members.DEFINITION), List.of(bob(), cardOnlyMergedIntoBob(), betaBob()));
            IcebergRows.append(lakehouse.load(IdentityLinks.DEFINITION), List.of(
                    link("acme", "l1", "email", "bob@x.com", BOB, JAN_1, "crm-000001", null, null, null),
                    link("acme", "l2", "email", "bobstone@gmail.com", BOB, JAN_1, "crm-000001", null, null, null),
                    link("acme", "l3", "phone", "+14155550100", BOB, JAN_1, "crm-000001", null, null, null),
                    link("acme", "l4", "crm_id", "42", BOB, JAN_1, "crm-000001", null, null, null),
                    link("acme", "l5", "device_id", "d-9", BOB, JAN_1, "crm-000001", null, null, null),
                    link("acme", "l6", "card", "C12", CARD_ONLY, JAN_2, "pos-000002", JAN_5, "pos-000050", "merged"),
                    link("acme", "l7", "card", "C12", BOB, JAN_5, "pos-000050", null, null, null),
                    link("beta", "l1", "email", "bob@x.com", BETA_BOB, JAN_2, "web-000007", null, null, null)));
        }
        trino = TrinoServer.start(trinoWorkDir(), Ports.free(), TrinoCatalogEnv.localWarehouse(
                config.jdbcUrl(), PostgresCluster.USER, PostgresCluster.PASSWORD, warehouse));
        // TrinoSql waits out the first seconds in which a fresh Trino schedules no query; the command does not.
        assertThat(new TrinoSql(trino.jdbcUrl(), "admin").query("SELECT count(*) FROM iceberg.identity.members")
                .rows()).containsExactly(List.of(3L));
    }

    @AfterAll
    static void stop() {
        if (trino != null) {
            trino.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void findsAnEmailTypedInAnotherCaseWithBlanksInEveryProgram() {
        Run run = findWithTrino("--email", "  BOB@X.com ");

        assertThat(run.exit).isZero();
        assertThat(run.out).contains("email bob@x.com (from '  BOB@X.com ')")
                .contains("member      " + BOB + " (program acme)")
                .contains("member      " + BETA_BOB + " (program beta)")
                .contains("status      ACTIVE")
                .contains("name        Bob Stone")
                .contains("consents    email yes, sms no, push not asked")
                .contains("emails      bob@x.com, bobstone@gmail.com")
                .contains("cards       C12")
                .contains("devices     d-9");
    }

    @Test
    void programLimitsTheSearch() {
        Run run = findWithTrino("--email", "bob@x.com", "--program", "beta");

        assertThat(run.exit).isZero();
        assertThat(run.out).contains(BETA_BOB).doesNotContain(BOB);
    }

    @Test
    void findsAGmailAddressWrittenWithDotsTagAndGooglemail() {
        Run run = findWithTrino("--email", "Bob.Stone+promo@GoogleMail.com");

        assertThat(run.exit).isZero();
        assertThat(run.out).contains("email bobstone@gmail.com (from 'Bob.Stone+promo@GoogleMail.com')")
                .contains("member      " + BOB + " (program acme)");
    }

    @Test
    void findsAPhoneInNationalAndInternationalFormat() {
        Run national = findWithTrino("--phone", "(415) 555-0100");
        Run international = findWithTrino("--phone", "+1 415-555-0100", "--program", "acme");

        assertThat(national.exit).isZero();
        assertThat(national.out).contains("phone +14155550100").contains("member      " + BOB);
        assertThat(international.exit).isZero();
        assertThat(international.out).contains("member      " + BOB);
    }

    @Test
    void findsACardWithSpacesAndDashesAndShowsItMovingAtTheMerge() {
        Run run = findWithTrino("--card", "c-1 2");

        assertThat(run.exit).isZero();
        assertThat(run.out).contains("card C12 (from 'c-1 2')").contains("member      " + BOB + " (program acme)");
        String history = run.out.substring(run.out.indexOf("link history of card C12:"));
        List<String> rows = history.lines().filter(l -> l.contains("M-")).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).contains(CARD_ONLY, "2026-01-02 09:00:00.000000 UTC", "2026-01-05 12:00:00.000000 UTC",
                "pos-000002", "pos-000050", "merged");
        assertThat(rows.get(1)).contains(BOB, "2026-01-05 12:00:00.000000 UTC", "current", "pos-000050");
    }

    @Test
    void findsByCrmIdAndDevice() {
        assertThat(findWithTrino("--crm-id", " 42 ").out).contains("member      " + BOB);
        assertThat(findWithTrino("--device", "d-9").out).contains("member      " + BOB);
    }

    @Test
    void aMergedMemberShowsItsSurvivor() {
        Run run = findWithTrino("--id", CARD_ONLY);

        assertThat(run.exit).isZero();
        assertThat(run.out).contains("member      " + CARD_ONLY + " (program acme)")
                .contains("status      MERGED into " + BOB + " at 2026-01-05 12:00:00.000000 UTC")
                .contains("survivor of the merge:");
        String survivor = run.out.substring(run.out.indexOf("survivor of the merge:"));
        assertThat(survivor).contains("member      " + BOB).contains("cards       C12");
        assertThat(run.out.substring(run.out.indexOf("links of " + CARD_ONLY + ":")))
                .contains("card:C12").contains("merged").doesNotContain("email:");
    }

    @Test
    void findsTheRunningStacksTrinoThroughItsStateFile() {
        Assumptions.assumeTrue(trino != null, TrinoServer::missingJavaMessage);
        Path stackWork = work.resolve("stack");
        new StackState(ProcessHandle.current().pid(), Instant.now(), 0, null, null, null, null, trino.jdbcUrl(),
                null).write(stackWork.resolve("stack.json"));

        Run run = find("--email", "bob@x.com", "--program", "acme", "--work", stackWork.toString());

        assertThat(run.exit).isZero();
        assertThat(run.out).contains("member      " + BOB);
    }

    @Test
    void nobodyHoldingTheIdentifierExitsWithOne() {
        Run unknown = findWithTrino("--email", "nobody@x.com");
        Run blocked = findWithTrino("--email", "Test@Test.com");
        Run otherProgram = findWithTrino("--card", "C12", "--program", "beta");

        assertThat(unknown.exit).isEqualTo(1);
        assertThat(unknown.out.strip()).isEqualTo("no member holds email nobody@x.com");
        assertThat(blocked.exit).isEqualTo(1);
        assertThat(blocked.out).contains("blocklist");
        assertThat(otherProgram.exit).isEqualTo(1);
        assertThat(otherProgram.out.strip()).isEqualTo("no member holds card C12 in program beta");
        assertThat(findWithTrino("--id", "M-nobody").exit).isEqualTo(1);
    }

    @Test
    void anInvalidPhoneExitsWithTwoAndOneLine() {
        // No Trino needed: the value is refused before anything is asked.
        Run run = find("--phone", "12", "--url", "jdbc:trino://127.0.0.1:1/iceberg");

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err.lines().toList()).hasSize(1);
        assertThat(run.err).startsWith("error: phone '12' is not valid (invalid_phone");
    }

    @Test
    void otherValuesThePipelineRejectsExitWithTwo() {
        String noTrino = "jdbc:trino://127.0.0.1:1/iceberg";
        assertThat(find("--email", "bob at x.com", "--url", noTrino).err).startsWith("error: email 'bob at x.com'");
        assertThat(find("--card", " - ", "--url", noTrino).exit).isEqualTo(2);
        assertThat(find("--phone", "020 7946 0018", "--country", "XX", "--url", noTrino).err)
                .contains("--country XX is not");
        assertThat(find("--email", "bob@x.com", "--country", "GB", "--url", noTrino).err)
                .contains("--country only applies to --phone");
        // picocli's own usage errors use the same code: none or two identifier options
        assertThat(find("--url", noTrino).exit).isEqualTo(2);
        assertThat(find("--email", "bob@x.com", "--card", "C12", "--url", noTrino).exit).isEqualTo(2);
    }

    @Test
    void aNationalNumberIsReadInTheGivenCountry() {
        // 020 7946 0018 is a London number: invalid as a US number, valid in GB, and nobody holds it.
        assertThat(find("--phone", "020 7946 0018", "--url", "jdbc:trino://127.0.0.1:1/iceberg").exit).isEqualTo(2);
        Run run = findWithTrino("--phone", "020 7946 0018", "--country", "gb");
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out).contains("no member holds phone +442079460018");
    }

    private static Run findWithTrino(String... args) {
        Assumptions.assumeTrue(trino != null, TrinoServer::missingJavaMessage);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", trino.jdbcUrl()));
        return find(all.toArray(String[]::new));
    }

    private static Run find(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new LoyaltyCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("member", "find"));
        all.addAll(List.of(args));
        int exit = command.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {
    }

    private static Record bob() {
        Record m = member("acme", BOB, "ACTIVE", JAN_1, "crm-000001");
        m.setField("enrolled_at", JAN_1);
        m.setField("first_name", "Bob");
        m.setField("last_name", "Stone");
        m.setField("birth_date", LocalDate.of(1990, 4, 1));
        m.setField("country", "US");
        m.setField("consent_email", true);
        m.setField("consent_sms", false);
        m.setField("emails", List.of("bob@x.com", "bobstone@gmail.com"));
        m.setField("phones", List.of("+14155550100"));
        m.setField("cards", List.of("C12"));
        m.setField("crm_id", "42");
        m.setField("devices", List.of("d-9"));
        m.setField("updated_at", JAN_5);
        m.setField("updated_by_event", "pos-000050");
        return m;
    }

    private static Record cardOnlyMergedIntoBob() {
        Record m = member("acme", CARD_ONLY, "MERGED", JAN_2, "pos-000002");
        m.setField("enrolled_at", JAN_2);
        m.setField("merged_into", BOB);
        m.setField("merged_at", JAN_5);
        m.setField("cards", List.of()); // moved to the survivor
        m.setField("updated_at", JAN_5);
        m.setField("updated_by_event", "pos-000050");
        return m;
    }

    private static Record betaBob() {
        Record m = member("beta", BETA_BOB, "PROSPECT", JAN_2, "web-000007");
        m.setField("emails", List.of("bob@x.com"));
        return m;
    }

    private static Record member(String program, String memberId, String status, OffsetDateTime createdAt,
                                 String createdBy) {
        Record m = GenericRecord.create(Members.SCHEMA);
        m.setField("program", program);
        m.setField("member_id", memberId);
        m.setField("status", status);
        m.setField("created_at", createdAt);
        m.setField("created_by_event", createdBy);
        m.setField("updated_at", createdAt);
        m.setField("updated_by_event", createdBy);
        return m;
    }

    private static Record link(String program, String linkId, String type, String value, String memberId,
                               OffsetDateTime validFrom, String linkedBy, OffsetDateTime validTo, String endedBy,
                               String endReason) {
        Record l = GenericRecord.create(IdentityLinks.SCHEMA);
        l.setField("program", program);
        l.setField("link_id", linkId);
        l.setField("identifier_type", type);
        l.setField("identifier_value", value);
        l.setField("member_id", memberId);
        l.setField("valid_from", validFrom);
        l.setField("linked_by_event", linkedBy);
        l.setField("valid_to", validTo);
        l.setField("ended_by_event", endedBy);
        l.setField("end_reason", endReason);
        return l;
    }

    private static OffsetDateTime at(String instant) {
        return OffsetDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
    }

    private static Path trinoWorkDir() {
        // Under target/: the 570 MB unpacked server is kept between runs of this class.
        return Path.of(System.getProperty("loyalty.work", "target/work")).toAbsolutePath().resolve("trino");
    }
}
