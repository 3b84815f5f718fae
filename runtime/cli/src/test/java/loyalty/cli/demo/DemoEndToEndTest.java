package loyalty.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import loyalty.cli.LoyaltyCommand;
import loyalty.contract.event.EventJson;
import loyalty.stack.Ports;
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
        }
    }

    @Test
    void withoutTrinoTheRestRunsAndCountsComeStraightFromIceberg() throws Exception {
        Path summaryFile = work.resolve("summary-no-trino.json");
        int exit = new CommandLine(new LoyaltyCommand()).execute("demo", "--work", work.toString(), "--no-trino",
                "--customers", "60", "--days", "30", "--seed", "3",
                "--pg-port", String.valueOf(Ports.free()), "--kafka-port", String.valueOf(Ports.free()),
                "--http-port", String.valueOf(Ports.free()), "--timeout", "PT10M",
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
