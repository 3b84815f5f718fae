package loyalty.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import loyalty.cli.LoyaltyCommand;
import loyalty.contract.event.EventJson;
import loyalty.stack.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The demo without Trino, in process. The full demo (with Trino, the serving tables, the balance API, the models and
 * the notebooks) is checked once, on one demo stack, by the notebooks module's {@code DemoStackTest}: a demo run is
 * the longest part of the test command, so it runs once.
 */
class DemoEndToEndTest {
    @TempDir
    Path work;

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
        assertThat(Files.exists(work.resolve("stack.json"))).as("the stopped stack left no state file").isFalse();
        assertThat(summary.get("identity").get("events_resolved").asLong()
                + summary.get("identity").get("dead_lettered").asLong())
                .isEqualTo(manifest.get("totals").get("valid").asLong());
        assertThat(summary.get("identity").get("tables").size()).as("no Trino, no table counts").isZero();
    }
}
