package loyalty.cli.bench;

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
 * The benchmark's plumbing on a small program, as a user runs it: the figures it writes are positive and its counts
 * are the generator's manifest (which the pipeline never reads).
 */
class IngestBenchCommandTest {
    @TempDir
    Path work;

    @Test
    void writesPositiveThroughputsAndCountsThatMatchTheManifest() throws Exception {
        Path figures = work.resolve("figures/ingest.json");
        int exit = new CommandLine(new LoyaltyCommand()).execute("bench", "ingest", "--work", work.toString(),
                "--customers", "200", "--days", "30", "--seed", "3", "--checkpoint-interval", "1s",
                "--pg-port", String.valueOf(Ports.free()), "--kafka-port", String.valueOf(Ports.free()),
                "--timeout", "3m", "--out", figures.toString());
        assertThat(exit).isZero();

        JsonNode report = EventJson.mapper().readTree(figures.toFile());
        JsonNode manifest = EventJson.mapper().readTree(work.resolve("bench/generated/manifest.json").toFile());
        long feedEvents = 0;
        long feedLines = 0;
        long redeliveries = 0;
        for (String feed : new String[] {"pos", "web", "app"}) {
            feedEvents += manifest.get("sources").get(feed).get("valid").asLong();
            feedLines += manifest.get("sources").get(feed).get("lines").asLong();
            redeliveries += manifest.get("sources").get(feed).get("duplicates").asLong();
        }
        JsonNode spine = report.get("spine");
        assertThat(spine.get("expected_rows").asLong()).isEqualTo(feedEvents).isPositive();
        assertThat(spine.get("rows_in_iceberg").asLong()).isEqualTo(feedEvents);
        assertThat(spine.get("distinct_event_ids_in_iceberg").asLong()).isEqualTo(feedEvents);
        assertThat(spine.get("feed_lines").asLong()).isEqualTo(feedLines);
        assertThat(spine.get("accepted_records").asLong()).isEqualTo(feedEvents + redeliveries);
        JsonNode rawBacklog = report.get("raw_events_backlog");
        assertThat(rawBacklog.get("input_records").asLong()).isEqualTo(feedEvents + redeliveries);
        assertThat(rawBacklog.get("output_count").asLong()).isEqualTo(feedEvents);
        JsonNode passThrough = report.get("pass_through");
        assertThat(passThrough.get("input_records").asLong()).isEqualTo(feedEvents + redeliveries);
        assertThat(passThrough.get("output_count").asLong()).isEqualTo(feedEvents + redeliveries);
        assertThat(passThrough.get("output_bytes").asLong()).isEqualTo(passThrough.get("input_bytes").asLong());
        assertThat(report.get("counts_match").asBoolean()).isTrue();

        assertThat(report.get("steps")).hasSize(4).allSatisfy(step -> {
            assertThat(step.get("events").asLong()).as(step.get("step").asText()).isPositive();
            assertThat(step.get("seconds").asDouble()).as(step.get("step").asText()).isPositive();
            assertThat(step.get("events_per_second").asDouble()).as(step.get("step").asText()).isPositive();
            assertThat(step.get("mb_per_second").asDouble()).as(step.get("step").asText()).isPositive();
        });
        assertThat(report.get("ratio_spine_to_pass_through").asDouble()).isPositive();
        assertThat(report.get("ratio_raw_events_to_pass_through").asDouble()).isPositive();
        assertThat(report.get("settings").get("checkpoint_interval_seconds").asDouble()).isEqualTo(1.0);
        assertThat(report.get("machine").get("cores").asInt()).isPositive();
        assertThat(Files.exists(work.resolve("bench/kafka"))).as("the stack ran in <work>/bench").isTrue();
    }
}
