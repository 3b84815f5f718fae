package loyalty.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import loyalty.cli.LoyaltyCommand;
import loyalty.contract.event.EventJson;
import loyalty.stack.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The ledger benchmark on a small program at a low rate, as a user runs it: every run moved the same backlog (its
 * counts are the generator's manifest, which the pipeline never reads), every live event became visible, the figures
 * are positive, and the exit code says whether the aims were met.
 */
class LedgerBenchCommandTest {
    @TempDir
    Path work;

    @Test
    void measuresThroughputLatencyAndStateOnASmallProgram() throws Exception {
        Path figures = work.resolve("figures/ledger.json");
        int exit = new CommandLine(new LoyaltyCommand()).execute("bench", "ledger", "--work", work.toString(),
                "--customers", "200", "--days", "60", "--seed", "5", "--checkpoint-interval", "1s",
                "--rate", "100", "--warmup", "2s", "--latency-window", "3s",
                "--pg-port", String.valueOf(Ports.free()), "--kafka-port", String.valueOf(Ports.free()),
                "--timeout", "3m", "--out", figures.toString());

        JsonNode report = EventJson.mapper().readTree(figures.toFile());
        assertThat(exit).as("3 when an aim is missed, else 0").isEqualTo(report.get("aims_met").asBoolean() ? 0 : 3);
        assertThat(report.get("counts_match").asBoolean()).isTrue();

        JsonNode manifest = EventJson.mapper().readTree(work.resolve("bench/generated/manifest.json").toFile());
        JsonNode input = report.get("input");
        assertThat(input.get("cdc_events").asLong()).as("every valid CDC event of the manifest")
                .isEqualTo(manifest.get("sources").get("cdc").get("valid").asLong()).isPositive();
        assertThat(input.get("enrolments").asLong()).isPositive();

        assertThat(report.get("steps")).hasSize(3).allSatisfy(step ->
                assertThat(step.get("events_per_second").asDouble()).as(step.get("step").asText()).isPositive());
        for (String run : new String[] {"exactly_once", "at_least_once"}) {
            JsonNode pipeline = report.get(run);
            assertThat(pipeline.get("resolved_events").asLong() + pipeline.get("dead_lettered").asLong()).as(run)
                    .isEqualTo(input.get("distinct_events").asLong());
            assertThat(pipeline.get("resolved_seconds").asDouble()).as(run)
                    .isBetween(0.0, pipeline.get("seconds").asDouble());
            assertThat(pipeline.get("ledger_state_bytes").asLong()).as(run).isPositive();
            assertThat(pipeline.get("profile")).as(run).isNotEmpty();
        }
        assertThat(report.get("ratio_exactly_once_to_pass_through").asDouble()).isPositive();
        assertThat(report.get("ratio_exactly_once_to_at_least_once").asDouble()).isPositive();
        JsonNode replay = report.get("replay");
        assertThat(replay.get("events").asLong()).as("the replay reads every distinct event from raw.events")
                .isEqualTo(input.get("distinct_events").asLong());
        assertThat(replay.get("events_per_second").asDouble()).isPositive();

        assertThat(report.get("latency")).hasSize(2).allSatisfy(live -> {
            String delivery = live.get("delivery").asText();
            assertThat(live.get("orders").asLong()).as(delivery).isEqualTo(270);
            assertThat(live.get("redemptions").asLong()).as(delivery).isEqualTo(30);
            assertThat(live.get("unattributed").asLong()).as(delivery + ": enrolled members' own identifiers")
                    .isZero();
            assertThat(live.get("balance").get("count").asLong()).as(delivery).isEqualTo(270);
            assertThat(live.get("redemption").get("count").asLong()).as(delivery).isEqualTo(30);
            assertThat(live.get("balance").get("p50_ms").asLong()).as(delivery).isPositive()
                    .isLessThanOrEqualTo(live.get("balance").get("p99_ms").asLong());
            assertThat(live.get("redemption").get("p99_ms").asLong()).as(delivery).isPositive();
            assertThat(live.get("balance").get("not_visible").asLong()).as(delivery + ": every order's balance")
                    .isZero();
            assertThat(live.get("redemption").get("not_visible").asLong()).as(delivery + ": every outcome")
                    .isZero();
            if (report.get("settings").get("serving_tables").asBoolean()) {
                assertThat(live.get("serving").get("count").asLong()).as(delivery + ": one event in 20")
                        .isEqualTo(15);
                assertThat(live.get("serving").get("not_visible").asLong()).as(delivery).isZero();
            } else {
                assertThat(live.get("serving").isNull()).as(delivery).isTrue();
            }
        });
        JsonNode state = report.get("state");
        assertThat(state.get("members").asLong()).isPositive();
        assertThat(state.get("ledger_bytes_per_member").asDouble()).isPositive();
        assertThat(state.get("identity_bytes_per_member").asDouble()).isPositive();
        assertThat(report.get("aims")).hasSize(4);
    }
}
