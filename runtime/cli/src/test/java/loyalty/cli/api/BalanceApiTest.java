package loyalty.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import loyalty.contract.event.EventJson;
import loyalty.flink.serving.ServingDb;
import loyalty.flink.serving.ServingSchema;
import loyalty.stack.Ports;
import loyalty.stack.postgres.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The balance API on a real server over real serving tables in PostgreSQL, asked the way tills and shops ask: by
 * member id, by each kind of identifier in the form people type it, by an id that was merged away.
 *
 * <p>The story in the tables (program acme): Bob, M-crm-1, has 220 available and 120 pending points in two lots
 * and 25 ledger entries, one a day from January 1st; his email, two phones (US and GB), card, crm id and device are
 * linked to him. M-pos-2 was merged into him. Program beta has its own member with Bob's email.
 */
class BalanceApiTest {
    private static final String BOB = "M-crm-1";
    private static final String MERGED_AWAY = "M-pos-2";
    private static final Instant JAN_1 = Instant.parse("2026-01-01T12:00:00Z");
    private static final Instant FEB_1 = Instant.parse("2026-02-01T12:00:00Z");

    @TempDir
    static Path work;

    private static PostgresCluster postgres;
    private static BalanceApi api;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void writeTheServingTablesAndStartTheApi() throws Exception {
        postgres = PostgresCluster.start(work.resolve("pg"), Ports.free());
        ServingDb db = new ServingDb(postgres.jdbcUrl(PostgresCluster.SHOP_DB), PostgresCluster.USER,
                PostgresCluster.PASSWORD);
        ServingSchema.ensure(db);
        try (Connection c = db.connect()) {
            balance(c, "acme", BOB, 220, 120, "[{\"lot_id\":\"e1:BONUS:0\",\"type\":\"BONUS\",\"points\":100,"
                    + "\"remaining\":100,\"status\":\"AVAILABLE\",\"expires_at\":\"2027-01-01T12:00:00Z\"},"
                    + "{\"lot_id\":\"o9:EARN:0\",\"type\":\"EARN\",\"points\":120,\"remaining\":120,"
                    + "\"status\":\"PENDING\",\"available_at\":\"2026-02-15T12:00:00Z\","
                    + "\"expires_at\":\"2027-02-15T12:00:00Z\"}]");
            balance(c, "acme", MERGED_AWAY, 0, 0, "[]");
            balance(c, "beta", "M-web-7", 5, 0, "[]");
            for (int day = 0; day < 25; day++) {
                entry(c, "acme", BOB, "e" + day + ":EARN:0", 10, JAN_1.plusSeconds(day * 86_400L));
            }
            entry(c, "acme", MERGED_AWAY, "m1:TRANSFER_OUT:0", -10, FEB_1);
            member(c, "acme", BOB, "ACTIVE", null);
            member(c, "acme", MERGED_AWAY, "MERGED", BOB);
            member(c, "beta", "M-web-7", "PROSPECT", null);
            identifier(c, "acme", "email", "bob@x.com", BOB);
            identifier(c, "acme", "phone", "+14155550100", BOB);
            identifier(c, "acme", "phone", "+442079460018", BOB);
            identifier(c, "acme", "card", "C12", BOB);
            identifier(c, "acme", "crm_id", "42", BOB);
            identifier(c, "acme", "device_id", "d-9", BOB);
            identifier(c, "beta", "email", "bob@x.com", "M-web-7");
        }
        api = BalanceApi.start("127.0.0.1", 0, db);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aMemberByIdHasBalanceLotsWithExpiryAndTheTwentyMostRecentEntries() throws Exception {
        Answer a = get("/programs/acme/members/" + BOB);
        assertThat(a.status).isEqualTo(200);
        assertThat(a.body.path("member_id").asText()).isEqualTo(BOB);
        assertThat(a.body.has("resolved_from")).isFalse();
        assertThat(a.body.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(a.body.path("balance").path("available").asLong()).isEqualTo(220);
        assertThat(a.body.path("balance").path("pending").asLong()).isEqualTo(120);
        assertThat(a.body.path("balance").path("as_of").asText()).isEqualTo("2026-02-01T12:00:00Z");
        assertThat(a.body.path("lots")).extracting(l -> l.path("expires_at").asText())
                .containsExactly("2027-01-01T12:00:00Z", "2027-02-15T12:00:00Z");
        JsonNode entries = a.body.path("recent_entries");
        assertThat(entries).hasSize(20);
        assertThat(entries.get(0).path("entry_id").asText()).isEqualTo("e24:EARN:0");
        assertThat(entries.get(0).path("occurred_at").asText()).isEqualTo("2026-01-25T12:00:00Z");
        assertThat(entries.get(0).path("campaign_ids").isArray()).isTrue();
    }

    @Test
    void aMergedAwayIdAnswersWithItsSurvivorAndSaysSo() throws Exception {
        Answer a = get("/programs/acme/members/" + MERGED_AWAY);
        assertThat(a.status).isEqualTo(200);
        assertThat(a.body.path("member_id").asText()).isEqualTo(BOB);
        assertThat(a.body.path("resolved_from").asText()).isEqualTo(MERGED_AWAY);
        assertThat(a.body.path("balance").path("available").asLong()).isEqualTo(220);
        assertThat(get("/programs/acme/members/" + MERGED_AWAY + "/entries?limit=3").body.path("entries"))
                .extracting(e -> e.path("entry_id").asText())
                .containsExactly("e24:EARN:0", "e23:EARN:0", "e22:EARN:0");
    }

    @Test
    void entriesComeNewestFirstUpToTheLimit() throws Exception {
        Answer a = get("/programs/acme/members/" + BOB + "/entries?limit=5");
        assertThat(a.status).isEqualTo(200);
        assertThat(a.body.path("entries")).hasSize(5);
        assertThat(get("/programs/acme/members/" + BOB + "/entries").body.path("entries")).hasSize(25);
        assertThat(get("/programs/acme/members/" + BOB + "/entries?limit=500").status).isEqualTo(200);
        Answer tooMany = get("/programs/acme/members/" + BOB + "/entries?limit=501");
        assertThat(tooMany.status).isEqualTo(400);
        assertThat(tooMany.error()).contains("limit must be a whole number from 1 to 500");
        assertThat(get("/programs/acme/members/" + BOB + "/entries?limit=ten").status).isEqualTo(400);
    }

    @Test
    void everyKindOfIdentifierFindsTheMemberAsTheCustomerTypesIt() throws Exception {
        assertThat(lookup("email=" + enc("  Bob@X.com "))).isEqualTo(BOB);
        assertThat(lookup("phone=" + enc("(415) 555-0100"))).isEqualTo(BOB);
        assertThat(lookup("phone=" + enc("020 7946 0018") + "&country=GB")).isEqualTo(BOB);
        assertThat(lookup("phone=+442079460018")).as("a raw + is a plus, not a space").isEqualTo(BOB);
        assertThat(lookup("card=" + enc("c-1 2"))).isEqualTo(BOB);
        assertThat(lookup("crm_id=" + enc(" 42 "))).isEqualTo(BOB);
        assertThat(lookup("device=d-9")).isEqualTo(BOB);

        Answer a = get("/programs/acme/lookup?email=Bob%40X.com");
        assertThat(a.body.path("identifier").path("kind").asText()).isEqualTo("email");
        assertThat(a.body.path("identifier").path("value").asText()).isEqualTo("bob@x.com");
        assertThat(a.body.path("balance").path("available").asLong()).isEqualTo(220);
        assertThat(a.body.path("recent_entries")).hasSize(20);
        assertThat(get("/programs/beta/lookup?email=bob@x.com").body.path("member_id").asText())
                .as("identifiers belong to a program").isEqualTo("M-web-7");
    }

    @Test
    void aValueThePipelineWouldNeverLinkIsABadRequestThatSaysWhy() throws Exception {
        Answer email = get("/programs/acme/lookup?email=not-an-email");
        assertThat(email.status).isEqualTo(400);
        assertThat(email.error()).contains("email 'not-an-email' is not valid");
        Answer phone = get("/programs/acme/lookup?phone=12");
        assertThat(phone.status).isEqualTo(400);
        assertThat(phone.error()).contains("phone '12' is not valid");
        assertThat(get("/programs/acme/lookup?phone=2079460018&country=XX").error()).contains("XX is not");
        assertThat(get("/programs/acme/lookup?email=bob@x.com&country=GB").error())
                .isEqualTo("country only applies to phone");
        assertThat(get("/programs/acme/lookup?email=bob@x.com&card=C12").error()).contains("exactly one identifier");
        assertThat(get("/programs/acme/lookup").status).isEqualTo(400);
        assertThat(get("/programs/acme/lookup?name=bob").error()).contains("unknown parameter 'name'");
    }

    @Test
    void nobodyFoundIsA404() throws Exception {
        Answer member = get("/programs/acme/members/M-nobody");
        assertThat(member.status).isEqualTo(404);
        assertThat(member.error()).isEqualTo("no member M-nobody in program acme");
        assertThat(get("/programs/gamma/members/" + BOB).status).as("ids belong to a program").isEqualTo(404);
        Answer unknown = get("/programs/acme/lookup?email=alice@x.com");
        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.error()).startsWith("no member holds email alice@x.com in program acme");
        assertThat(get("/programs/acme/lookup?email=Test@Test.com").error()).contains("blocklist");
        assertThat(get("/programs/acme/accounts/" + BOB).status).isEqualTo(404);
    }

    @Test
    void onlyGetIsAnswered() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(api.url() + "/programs/acme/members/"
                        + BOB)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
        assertThat(EventJson.mapper().readTree(post.body()).path("error").asText()).contains("read-only");
        HttpResponse<String> delete = HTTP.send(HttpRequest.newBuilder(URI.create(api.url() + "/health")).DELETE()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
    }

    @Test
    void healthSaysTheServingDatabaseAnswers() throws Exception {
        Answer a = get("/health");
        assertThat(a.status).isEqualTo(200);
        assertThat(a.body.path("status").asText()).isEqualTo("ok");
        assertThat(api.url()).startsWith("http://127.0.0.1:");
    }

    // ---------------------------------------------------------------- plumbing

    private record Answer(int status, JsonNode body) {
        String error() {
            return body.path("error").asText();
        }
    }

    private static Answer get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(api.url() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        return new Answer(r.statusCode(), EventJson.mapper().readTree(r.body()));
    }

    private static String lookup(String query) throws Exception {
        Answer a = get("/programs/acme/lookup?" + query);
        assertThat(a.status).as(query + ": " + a.body).isEqualTo(200);
        return a.body.path("member_id").asText();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void balance(Connection c, String program, String member, long available, long pending,
                                String lots) throws SQLException {
        run(c, "INSERT INTO serving.balances (program, member_id, available, pending, debt, lifetime_earned,"
                        + " redeemed, expired, tier, tier_achieved_at, as_of, lots) VALUES (?, ?, ?, ?, 0, ?, 0, 0,"
                        + " 'MEMBER', ?, ?, ?::jsonb)", program, member, available, pending, available + pending,
                time(JAN_1), time(FEB_1), lots);
    }

    private static void entry(Connection c, String program, String member, String id, long points, Instant at)
            throws SQLException {
        run(c, "INSERT INTO serving.ledger_entries (program, entry_id, member_id, type, points, lot_id, occurred_at,"
                + " source_event_id, rule_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'default')", program, id, member,
                id.split(":")[1], points, id, time(at), id.split(":")[0]);
    }

    private static void member(Connection c, String program, String id, String status, String mergedInto)
            throws SQLException {
        run(c, "INSERT INTO serving.members (program, member_id, status, merged_into, merged_at) VALUES (?, ?, ?, ?,"
                + " ?)", program, id, status, mergedInto, mergedInto == null ? null : time(FEB_1));
    }

    private static void identifier(Connection c, String program, String kind, String value, String member)
            throws SQLException {
        run(c, "INSERT INTO serving.identifiers (program, kind, value, member_id, link_id, valid_from)"
                + " VALUES (?, ?, ?, ?, ?, ?)", program, kind, value, member, kind + ":" + value, time(JAN_1));
    }

    private static OffsetDateTime time(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static void run(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }
}
