package loyalty.lakehouse.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import loyalty.lakehouse.TrinoTestStack;
import loyalty.lakehouse.audit.AuditViews;
import loyalty.stack.trino.QueryResult;
import loyalty.stack.trino.TableRenderer;
import loyalty.stack.trino.TrinoServer;
import loyalty.stack.trino.TrinoSql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roles of lakehouse/trino/etc/rules.json, asked through Trino's JDBC driver as each user of groups.txt: rows of
 * two brands with personal data in every PII column are written as admin, then read back as the other roles.
 */
class TrinoAccessControlTest {
    private static final String EMAIL = "bob@x.com";
    private static final String PHONE = "+33612345678";
    private static final String FIRST_NAME = "Roberta";
    private static final String LAST_NAME = "Quillfeather";
    private static final String BIRTH_DATE = "1988-07-14";

    @TempDir
    static Path work;

    private static TrinoTestStack stack;

    @BeforeAll
    static void startAndFill() throws Exception {
        Assumptions.assumeTrue(TrinoServer.findJava().isPresent(), TrinoServer.missingJavaMessage());
        stack = TrinoTestStack.start(work);
        TrinoSql admin = stack.as("admin");
        admin.query("""
                INSERT INTO iceberg.raw.events (event_id, type, program, occurred_at, source, identifiers, payload,
                                                ingested_at)
                VALUES ('crm-1', 'member.enrolled', 'acme', TIMESTAMP '2026-01-05 12:00:00 UTC', 'crm',
                        CAST(ROW('%1$s', '%2$s', 'C-1', '42', NULL) AS ROW(email varchar, phone varchar,
                             card varchar, crm_id varchar, device_id varchar)),
                        '{"first_name":"%3$s","last_name":"%4$s","birth_date":"%5$s","country":"FR",
                          "consent":{"email":true},"referred_by":{"email":"%1$s"}}',
                        TIMESTAMP '2026-01-05 12:00:01 UTC'),
                       ('pos-2', 'order.completed', 'globex', TIMESTAMP '2026-01-06 12:00:00 UTC', 'pos',
                        CAST(ROW('eve@y.org', NULL, NULL, NULL, NULL) AS ROW(email varchar, phone varchar,
                             card varchar, crm_id varchar, device_id varchar)),
                        '{"order_id":"O2"}', TIMESTAMP '2026-01-06 12:00:01 UTC')"""
                .formatted(EMAIL, PHONE, FIRST_NAME, LAST_NAME, BIRTH_DATE));
        admin.query("""
                INSERT INTO iceberg.identity.members (program, member_id, status, created_at, created_by_event,
                        first_name, last_name, birth_date, country, emails, phones, cards, updated_at,
                        updated_by_event)
                VALUES ('acme', 'M-crm-1', 'ACTIVE', TIMESTAMP '2026-01-05 12:00:00 UTC', 'crm-1', '%3$s', '%4$s',
                        DATE '%5$s', 'FR', ARRAY['%1$s', 'bob@work.com'], ARRAY['%2$s'], ARRAY['C-1'],
                        TIMESTAMP '2026-01-05 12:00:00 UTC', 'crm-1'),
                       ('globex', 'M-pos-2', 'PROSPECT', TIMESTAMP '2026-01-06 12:00:00 UTC', 'pos-2', NULL, NULL,
                        NULL, NULL, ARRAY['eve@y.org'], NULL, NULL, TIMESTAMP '2026-01-06 12:00:00 UTC', 'pos-2')"""
                .formatted(EMAIL, PHONE, FIRST_NAME, LAST_NAME, BIRTH_DATE));
        admin.query("""
                INSERT INTO iceberg.identity.identity_links (program, link_id, identifier_type, identifier_value,
                        member_id, valid_from, linked_by_event)
                VALUES ('acme', 'L1', 'email', '%s', 'M-crm-1', TIMESTAMP '2026-01-05 12:00:00 UTC', 'crm-1'),
                       ('acme', 'L2', 'phone', '%s', 'M-crm-1', TIMESTAMP '2026-01-05 12:00:00 UTC', 'crm-1'),
                       ('acme', 'L3', 'card', 'C-1', 'M-crm-1', TIMESTAMP '2026-01-05 12:00:00 UTC', 'crm-1')"""
                .formatted(EMAIL, PHONE));
        admin.query("""
                INSERT INTO iceberg.identity.identity_events (program, record_id, kind, event_id, occurred_at,
                        reason, identifiers)
                VALUES ('acme', 'R1', 'identity.conflict', 'crm-1', TIMESTAMP '2026-01-05 12:00:00 UTC',
                        'limit_exceeded', ARRAY['email:%s', 'card:C-1'])""".formatted(EMAIL));
        admin.query("""
                INSERT INTO iceberg.ledger.balances (program, member_id, available, pending, debt, lifetime_earned,
                        redeemed, expired, as_of)
                VALUES ('acme', 'M-crm-1', 120, 0, 0, 120, 0, 0, TIMESTAMP '2026-01-05 12:00:00 UTC'),
                       ('globex', 'M-pos-2', 50, 0, 0, 50, 0, 0, TIMESTAMP '2026-01-06 12:00:00 UTC')""");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void adminSeesEveryBrandAndTheClearValues() throws Exception {
        TrinoSql admin = stack.as("admin");

        assertThat(admin.query("SELECT program FROM iceberg.ledger.balances ORDER BY 1").rows())
                .containsExactly(List.of("acme"), List.of("globex"));
        assertThat(admin.query("SELECT identifiers.email, identifiers.phone FROM iceberg.raw.events"
                + " WHERE event_id = 'crm-1'").rows()).containsExactly(List.of(EMAIL, PHONE));
        assertThat(admin.query("SELECT first_name, emails FROM iceberg.identity.members WHERE member_id = 'M-crm-1'")
                .rows()).containsExactly(List.of(FIRST_NAME, List.of(EMAIL, "bob@work.com")));
        assertThat(admin.query("SELECT count(*) FROM iceberg.raw.\"events$files\"").rows())
                .containsExactly(List.of(2L));
    }

    @Test
    void theLaunchersOwnUsersKeepFullAccess() throws Exception {
        for (String user : List.of("loyalty", "loyalty-launcher", "demo")) {
            assertThat(stack.as(user).query("SELECT identifiers.email FROM iceberg.raw.events WHERE event_id = 'crm-1'")
                    .rows()).as(user).containsExactly(List.of(EMAIL));
        }
        assertThat(stack.as("loyalty-launcher").query("SELECT count(*) FROM system.runtime.nodes").rows())
                .containsExactly(List.of(1L));
    }

    @Test
    void aBrandAnalystSeesOnlyItsBrandsRowsInEveryTable() throws Exception {
        TrinoSql acme = stack.as("analyst_acme");

        assertThat(acme.query("SELECT DISTINCT program FROM iceberg.raw.events").rows())
                .containsExactly(List.of("acme"));
        assertThat(acme.query("SELECT program, member_id FROM iceberg.identity.members").rows())
                .containsExactly(List.of("acme", "M-crm-1"));
        assertThat(acme.query("SELECT program, available FROM iceberg.ledger.balances").rows())
                .containsExactly(List.of("acme", 120L));
        // A predicate on the other brand finds nothing: the filter applies before the query's own WHERE.
        assertThat(acme.query("SELECT count(*) FROM iceberg.ledger.balances WHERE program = 'globex'").rows())
                .containsExactly(List.of(0L));
        assertThat(stack.as("analyst_globex").query("SELECT program FROM iceberg.ledger.balances").rows())
                .containsExactly(List.of("globex"));
    }

    @Test
    void aBrandAnalystSeesNoPersonalDataInClear() throws Exception {
        TrinoSql acme = stack.as("analyst_acme");

        assertThat(acme.query("SELECT identifiers.email FROM iceberg.raw.events").rows())
                .containsExactly(List.of(sha256Hex(EMAIL)));
        assertNoClearPersonalData(acme);
    }

    @Test
    void theMaskedAnalystSeesAllBrandsWithEmailsAndPhonesHashed() throws Exception {
        TrinoSql analyst = stack.as("analyst");

        assertThat(analyst.query("SELECT program FROM iceberg.ledger.balances ORDER BY 1").rows())
                .containsExactly(List.of("acme"), List.of("globex"));
        assertThat(analyst.query("SELECT identifiers.email, identifiers.phone, identifiers.card"
                + " FROM iceberg.raw.events WHERE event_id = 'crm-1'").rows())
                .containsExactly(List.of(sha256Hex(EMAIL), sha256Hex(PHONE), "C-1"));
        // Pinned once, from sha256sum: the mask is plain SHA-256 of the UTF-8 value, in lower-case hex.
        assertThat(analyst.query("SELECT identifiers.email FROM iceberg.raw.events WHERE event_id = 'crm-1'").rows())
                .containsExactly(List.of("581d5f1930c81e73906dfbae2d46df90e4a1221064763a4e55ee85dab8312938"));
        QueryResult member = analyst.query("""
                SELECT emails, phones, first_name, last_name, birth_date, cards
                FROM iceberg.identity.members WHERE member_id = 'M-crm-1'""");
        assertThat(member.value(0, "emails")).isEqualTo(List.of(sha256Hex(EMAIL), sha256Hex("bob@work.com")));
        assertThat(member.value(0, "phones")).isEqualTo(List.of(sha256Hex(PHONE)));
        assertThat(member.value(0, "first_name")).isNull();
        assertThat(member.value(0, "last_name")).isNull();
        assertThat(member.value(0, "birth_date")).isEqualTo("1988-01-01"); // the year stays, for age bands
        assertThat(member.value(0, "cards")).isEqualTo(List.of("C-1"));
        assertThat(analyst.query("SELECT identifier_type, identifier_value FROM iceberg.identity.identity_links"
                + " ORDER BY link_id").rows()).containsExactly(List.of("email", sha256Hex(EMAIL)),
                List.of("phone", sha256Hex(PHONE)), List.of("card", "C-1"));
        assertThat(analyst.query("SELECT identifiers FROM iceberg.identity.identity_events").rows())
                .containsExactly(List.of(List.of("email:" + sha256Hex(EMAIL), "card:C-1")));
        assertThat(analyst.query("SELECT payload FROM iceberg.raw.events WHERE event_id = 'crm-1'").value(0, "payload"))
                .asString().contains("\"first_name\":null", "\"country\":\"FR\"", "\"consent\":{\"email\":true}",
                        "\"email\":\"" + sha256Hex(EMAIL) + "\"");
        // The mask applies before the query's predicates: the clear value cannot be used to find the row.
        assertThat(analyst.query("SELECT count(*) FROM iceberg.raw.events WHERE identifiers.email = '" + EMAIL + "'")
                .rows()).containsExactly(List.of(0L));
        assertNoClearPersonalData(analyst);
    }

    @Test
    void theDataScientistReadsLedgerAndMaskedMembersButNoClearIdentifiers() throws Exception {
        TrinoSql scientist = stack.as("data_scientist");

        assertThat(scientist.query("SELECT count(*) FROM iceberg.ledger.balances").rows()).containsExactly(List.of(2L));
        assertThat(scientist.query("SELECT identifiers.email FROM iceberg.raw.events WHERE event_id = 'crm-1'").rows())
                .containsExactly(List.of(sha256Hex(EMAIL)));
        assertThat(scientist.query("SELECT emails, first_name FROM iceberg.identity.members"
                + " WHERE member_id = 'M-crm-1'").rows())
                .containsExactly(Arrays.asList(List.of(sha256Hex(EMAIL), sha256Hex("bob@work.com")), null));
        assertDenied(scientist, "SELECT identifier_value FROM iceberg.identity.identity_links");
        assertNoClearPersonalData(scientist, "iceberg.raw.events", "iceberg.identity.members");
    }

    @Test
    void theBrandFilterAppliesToKpiViewsThatRunWithTheirOwnersRights() throws Exception {
        // Like the KPI views: created by an admin, SECURITY DEFINER, one row per program.
        stack.as("admin").query("CREATE SCHEMA IF NOT EXISTS iceberg.kpi");
        stack.as("admin").query("""
                CREATE OR REPLACE VIEW iceberg.kpi.available_points AS
                SELECT program, sum(available) AS available FROM iceberg.ledger.balances GROUP BY program""");

        assertThat(stack.as("analyst_acme").query("SELECT program, available FROM iceberg.kpi.available_points")
                .rows()).containsExactly(List.of("acme", 120L));
        assertThat(stack.as("data_scientist").query("SELECT count(*) FROM iceberg.kpi.available_points").rows())
                .containsExactly(List.of(2L));
        assertDenied(stack.as("mallory"), "SELECT * FROM iceberg.kpi.available_points");
    }

    @Test
    void onlyAdminsReadTheAuditSchemaItsTablesAndViews() throws Exception {
        TrinoSql admin = stack.as("admin");
        AuditViews.install(stack.trino().jdbcUrl(), "admin");
        admin.query("""
                INSERT INTO iceberg.audit.rule_set_publications (program, version, published_at, published_by,
                        event_id, status)
                VALUES ('acme', '2', TIMESTAMP '2026-01-07 09:00:00 UTC', 'jane', 'rules-2', 'ACCEPTED')""");

        assertThat(admin.query("SELECT program, published_by FROM iceberg.audit.rule_sets").rows())
                .containsExactly(List.of("acme", "jane"));
        // Operators' names and merge details are staff and member data; brand analysts do not get them either.
        for (String user : List.of("analyst", "analyst_acme", "data_scientist")) {
            assertDenied(stack.as(user), "SELECT * FROM iceberg.audit.rule_sets");
            assertDenied(stack.as(user), "SELECT * FROM iceberg.audit.rule_set_publications");
            assertDenied(stack.as(user), "SELECT * FROM iceberg.audit.merges");
        }
    }

    @Test
    void maskedRolesCannotReadIcebergMetadataTablesWhoseStatisticsHoldClearValues() {
        for (String user : List.of("analyst", "analyst_acme", "data_scientist")) {
            assertDenied(stack.as(user), "SELECT * FROM iceberg.raw.\"events$files\"");
        }
    }

    @Test
    void analystsCannotWrite() {
        assertDenied(stack.as("analyst"), "INSERT INTO iceberg.ledger.balances (program, member_id, available, pending,"
                + " debt, lifetime_earned, redeemed, expired, as_of) VALUES ('acme', 'M-x', 1, 0, 0, 1, 0, 0,"
                + " TIMESTAMP '2026-01-07 00:00:00 UTC')");
        assertDenied(stack.as("analyst_acme"), "DELETE FROM iceberg.ledger.balances");
    }

    @Test
    void anUnknownUserIsDeniedEverything() {
        TrinoSql stranger = stack.as("mallory");

        assertDenied(stranger, "SELECT count(*) FROM iceberg.ledger.balances");
        assertDenied(stranger, "SELECT 1");
    }

    private static void assertNoClearPersonalData(TrinoSql sql) throws SQLException {
        assertNoClearPersonalData(sql, "iceberg.raw.events", "iceberg.identity.members",
                "iceberg.identity.identity_links", "iceberg.identity.identity_events");
    }

    /** Every column of every row, as printed: none of the clear values may appear anywhere. */
    private static void assertNoClearPersonalData(TrinoSql sql, String... tables) throws SQLException {
        for (String table : tables) {
            String everything = TableRenderer.render(sql.query("SELECT * FROM " + table));
            assertThat(everything).as(table).contains("acme")
                    .doesNotContain(EMAIL, PHONE, FIRST_NAME, LAST_NAME, BIRTH_DATE);
        }
    }

    private static void assertDenied(TrinoSql sql, String statement) {
        assertThatThrownBy(() -> sql.query(statement)).as(statement)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access Denied");
    }

    static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
