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
 * The identity benchmark on a small program, as a user runs it: every distinct event is settled exactly once, the
 * counts agree with the generator's manifest (which the pipeline never reads), both jobs moved, and the clusters meet
 * the quality targets.
 */
class IdentityBenchCommandTest {
    @TempDir
    Path work;

    @Test
    void settlesEveryEventAndMeetsTheQualityTargetsOnASmallProgram() throws Exception {
        Path figures = work.resolve("figures/identity.json");
        int exit = new CommandLine(new LoyaltyCommand()).execute("bench", "identity", "--work", work.toString(),
                "--customers", "300", "--days", "60", "--seed", "5", "--checkpoint-interval", "1s",
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
        JsonNode input = report.get("input");
        long ruleSets = input.get("rule_sets").asLong();
        assertThat(ruleSets).as("the program's rule sets went first").isPositive();
        assertThat(input.get("feed_lines").asLong()).isEqualTo(feedLines);
        assertThat(input.get("distinct_events").asLong()).isEqualTo(feedEvents + ruleSets);
        assertThat(input.get("published_records").asLong()).isEqualTo(feedEvents + redeliveries + ruleSets);

        JsonNode identity = report.get("identity");
        long resolved = identity.get("resolved_events").asLong();
        long deadLettered = identity.get("dead_lettered_no_usable_identifier").asLong();
        assertThat(resolved).isPositive();
        assertThat(resolved + deadLettered).isEqualTo(input.get("distinct_events").asLong());
        assertThat(report.get("pass_through").get("output_records").asLong())
                .isEqualTo(input.get("published_records").asLong());
        assertThat(report.get("counts_match").asBoolean()).isTrue();

        assertThat(report.get("pass_through").get("events_per_second").asDouble()).isPositive();
        assertThat(identity.get("events_per_second").asDouble()).isPositive();
        assertThat(report.get("ratio_identity_to_pass_through").asDouble()).isPositive();
        assertThat(identity.get("share_before_first_resolved").asDouble()).isBetween(0.0, 1.0);
        assertThat(report.get("steps")).hasSize(3).allSatisfy(step ->
                assertThat(step.get("events_per_second").asDouble()).as(step.get("step").asText()).isPositive());

        JsonNode resolution = report.get("resolution");
        assertThat(resolution.get("members_created").asLong()).isPositive();
        assertThat(resolution.get("merges").asLong()).as("the planted duplicate accounts merge").isPositive();

        JsonNode quality = report.get("quality");
        assertThat(quality.get("precision").asDouble()).isGreaterThanOrEqualTo(0.999);
        assertThat(quality.get("linkable_recall").asDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(quality.get("true_pairs").asLong()).isPositive();
        assertThat(quality.get("correct_pairs").asLong()).isLessThanOrEqualTo(quality.get("predicted_pairs").asLong());
        assertThat(report.get("targets_met").asBoolean()).isTrue();
        assertThat(report.get("machine").get("cores").asInt()).isPositive();
    }
}
