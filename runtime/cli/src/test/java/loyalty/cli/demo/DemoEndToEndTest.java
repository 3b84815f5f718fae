package loyalty.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import loyalty.cli.LoyaltyCommand;
import loyalty.cli.api.BalanceApi;
import loyalty.contract.event.EventJson;
import loyalty.flink.serving.ServingDb;
import loyalty.stack.Ports;
import loyalty.stack.postgres.PostgresCluster;
import loyalty.stack.trino.TrinoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The spine end to end through the real components, as a user runs it: generate → CDC and feeds → Kafka → Flink →
 * Iceberg → Trino, checked against the generator's manifest (which the pipeline never reads).
 */
class DemoEndToEndTest {
    @TempDir
    Path work;

    @Test
    void everyGeneratedEventLandsInIcebergOnceAndEveryPlantedFaultIsDeadLettered() throws Exception {
        Path summaryFile = work.resolve("summary.json");
        int exit = new CommandLine(new LoyaltyCommand()).execute("demo", "--work", work.toString(),
                "--customers", "300", "--days", "60", "--seed", "7",
                "--pg-port", String.valueOf(Ports.free()), "--kafka-port", String.valueOf(Ports.free()),
                "--trino-port", String.valueOf(Ports.free()), "--http-port", String.valueOf(Ports.free()),
                "--api-port", String.valueOf(Ports.free()),
                "--timeout", "PT10M", "--summary-json", summaryFile.toString());
        assertThat(exit).isZero();

        JsonNode summary = EventJson.mapper().readTree(summaryFile.toFile());
        JsonNode manifest = EventJson.mapper().readTree(work.resolve("demo/generated/manifest.json").toFile());
        Map<String, JsonNode> rows = new HashMap<>();
        summary.get("sources").forEach(r -> rows.put(r.get("source").asText(), r));
        assertThat(rows).containsOnlyKeys("cdc", "pos", "web", "app");
        manifest.get("sources").fields().forEachRemaining(e -> {
            JsonNode expected = e.getValue();
            JsonNode actual = rows.get(e.getKey());
            assertThat(actual.get("rows_in_iceberg").asLong()).as(e.getKey() + " rows")
                    .isEqualTo(expected.get("valid").asLong());
            assertThat(actual.get("duplicates_dropped").asLong()).as(e.getKey() + " duplicates")
                    .isEqualTo(expected.get("duplicates").asLong());
            long expectedDead = 0;
            for (JsonNode n : expected.get("invalid")) {
                expectedDead += n.asLong();
            }
            long dead = 0;
            for (JsonNode n : actual.get("dead_letters")) {
                dead += n.asLong();
            }
            assertThat(dead).as(e.getKey() + " dead letters").isEqualTo(expectedDead);
        });
        assertThat(rows.get("cdc").get("rows_in_iceberg").asLong()).isPositive();
        assertThat(summary.get("rows_in_iceberg").asLong()).isEqualTo(manifest.get("totals").get("valid").asLong())
                .isEqualTo(summary.get("distinct_event_ids_in_iceberg").asLong());
        assertThat(summary.get("all_match").asBoolean()).isTrue();
        if (TrinoServer.findJava().isPresent()) {
            assertThat(summary.get("counted_by").asText()).isEqualTo("Trino");
        }
        assertThat(Files.exists(work.resolve("stack.json"))).isFalse();

        // Identity: every event resolved once or dead-lettered, the clusters match the ground truth, and the
        // identity tables read through Trino hold every profile and every merge.
        JsonNode identity = summary.get("identity");
        assertThat(identity.get("events_resolved").asLong() + identity.get("dead_lettered").asLong())
                .isEqualTo(manifest.get("totals").get("valid").asLong());
        assertThat(identity.get("members_created").asLong()).isPositive();
        assertThat(identity.get("merges").asLong()).as("planted duplicate accounts merge").isPositive();
        assertThat(identity.get("quality").get("precision").asDouble()).isGreaterThanOrEqualTo(0.999);
        assertThat(identity.get("quality").get("linkable_recall").asDouble()).isGreaterThanOrEqualTo(0.95);
        if (TrinoServer.findJava().isPresent()) {
            JsonNode tables = identity.get("tables");
            long memberRows = tables.path("members.ACTIVE").asLong() + tables.path("members.PROSPECT").asLong()
                    + tables.path("members.MERGED").asLong();
            assertThat(memberRows).isEqualTo(identity.get("members_created").asLong());
            assertThat(tables.path("members.MERGED").asLong()).isEqualTo(identity.get("merges").asLong());
            assertThat(tables.path("events.identity.merged").asLong()).isEqualTo(identity.get("merges").asLong());
            assertThat(tables.path("events.identity.conflict").asLong()).isEqualTo(identity.get("conflicts").asLong());

            // Ledger: every entry in Iceberg adds up to the balances served (SPEC §11, program-wide).
            JsonNode ledger = summary.get("ledger");
            assertThat(ledger.get("ledger_matches_balances").asBoolean()).isTrue();
            assertThat(ledger.get("entries_by_type").get("EARN").get(1).asLong()).isPositive();
            assertThat(ledger.get("members").asLong()).isEqualTo(identity.get("members_created").asLong());

            assertServingTablesMatch(ledger);

            // Nudges (SPEC §10): every enrolment triggers a WELCOME; about 10% of members are the holdout group.
            Map<String, Map<String, Long>> nudges = rowsByFirstColumn(summary.get("nudges"));
            assertThat(nudges.get("WELCOME").get("delivered")).isPositive();
            assertThat(nudges.get("WELCOME").get("holdout")).isPositive();
            assertThat(nudges.get("WELCOME").get("total")).as("one per enrolment")
                    .isLessThanOrEqualTo(tables.path("members.ACTIVE").asLong() + tables.path("members.MERGED").asLong());

            // The summary ends with the KPI table read from Trino's kpi.program_summary view.
            JsonNode kpis = summary.get("kpis");
            assertThat(kpis.get("rows")).hasSize(1);
            Map<String, Object> acme = new HashMap<>();
            for (int i = 0; i < kpis.get("columns").size(); i++) {
                acme.put(kpis.get("columns").get(i).asText(), kpis.get("rows").get(0).get(i).asText());
            }
            assertThat(acme.get("members")).as("enrolled members, not merged away")
                    .isEqualTo(String.valueOf(tables.path("members.ACTIVE").asLong()));
            assertThat(Double.parseDouble((String) acme.get("active_rate"))).isBetween(0.0, 1.0).isPositive();
        }
    }

    /** A {@code QueryResult} as JSON ({columns, rows}) keyed by its first column, then by column name. */
    private static Map<String, Map<String, Long>> rowsByFirstColumn(JsonNode result) {
        Map<String, Map<String, Long>> byKey = new HashMap<>();
        for (JsonNode row : result.get("rows")) {
            Map<String, Long> values = new HashMap<>();
            for (int i = 1; i < result.get("columns").size(); i++) {
                values.put(result.get("columns").get(i).asText(), row.get(i).asLong());
            }
            byKey.put(row.get(0).asText(), values);
        }
        return byKey;
    }

    /**
     * The serving tables the jobs kept in PostgreSQL (flushed before each checkpoint, so before Iceberg commits it)
     * hold the ledger Trino counted, and the balance API finds a member by an email typed in capitals. The stack has
     * stopped; the tables outlive it in the demo's PostgreSQL folder.
     */
    private void assertServingTablesMatch(JsonNode ledger) throws Exception {
        long entries = 0;
        for (JsonNode countAndPoints : ledger.get("entries_by_type")) {
            entries += countAndPoints.get(0).asLong();
        }
        try (PostgresCluster pg = PostgresCluster.start(work.resolve("demo").resolve("postgres"), Ports.free())) {
            ServingDb db = new ServingDb(pg.jdbcUrl(PostgresCluster.SHOP_DB), PostgresCluster.USER,
                    PostgresCluster.PASSWORD);
            String program;
            String email;
            String member;
            long available;
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                ResultSet totals = s.executeQuery("SELECT count(*), coalesce(sum(available + pending), 0),"
                        + " (SELECT count(*) FROM serving.ledger_entries) FROM serving.balances");
                totals.next();
                assertThat(totals.getLong(1)).as("members in serving.balances")
                        .isEqualTo(ledger.get("members").asLong());
                assertThat(totals.getLong(2)).as("serving balances = the ledger in Iceberg")
                        .isEqualTo(ledger.get("ledger_total").asLong());
                assertThat(totals.getLong(3)).as("serving.ledger_entries").isEqualTo(entries);
                ResultSet one = s.executeQuery("SELECT b.program, i.value, b.member_id, b.available"
                        + " FROM serving.identifiers i JOIN serving.balances b USING (program, member_id)"
                        + " WHERE i.kind = 'email' AND b.available > 0 ORDER BY b.available DESC, i.value LIMIT 1");
                assertThat(one.next()).as("a member with points and an email").isTrue();
                program = one.getString(1);
                email = one.getString(2);
                member = one.getString(3);
                available = one.getLong(4);
            }
            try (BalanceApi api = BalanceApi.start("127.0.0.1", 0, db)) {
                String url = api.url() + "/programs/" + program + "/lookup?email="
                        + URLEncoder.encode(email.toUpperCase(Locale.ROOT), StandardCharsets.UTF_8);
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode body = EventJson.mapper().readTree(response.body());
                assertThat(body.path("member_id").asText()).isEqualTo(member);
                assertThat(body.path("balance").path("available").asLong()).isEqualTo(available);
            }
        }
    }

    @Test
    void withoutTrinoTheRestRunsAndCountsComeStraightFromIceberg() throws Exception {
        Path summaryFile = work.resolve("summary-no-trino.json");
        int exit = new CommandLine(new LoyaltyCommand()).execute("demo", "--work", work.toString(), "--no-trino",
                "--customers", "60", "--days", "30", "--seed", "3",
                "--pg-port", String.valueOf(Ports.free()), "--kafka-port", String.valueOf(Ports.free()),
                "--http-port", String.valueOf(Ports.free()), "--api-port", String.valueOf(Ports.free()),
                "--timeout", "PT10M",
                "--summary-json", summaryFile.toString());
        assertThat(exit).isZero();
        JsonNode summary = EventJson.mapper().readTree(summaryFile.toFile());
        JsonNode manifest = EventJson.mapper().readTree(work.resolve("demo/generated/manifest.json").toFile());
        assertThat(summary.get("counted_by").asText()).startsWith("the Iceberg API");
        assertThat(summary.get("rows_in_iceberg").asLong()).isEqualTo(manifest.get("totals").get("valid").asLong());
        assertThat(summary.get("all_match").asBoolean()).isTrue();
        assertThat(summary.get("identity").get("events_resolved").asLong()
                + summary.get("identity").get("dead_lettered").asLong())
                .isEqualTo(manifest.get("totals").get("valid").asLong());
        assertThat(summary.get("identity").get("tables").size()).as("no Trino, no table counts").isZero();
    }
}
