package loyalty.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.cli.TimeArgument;
import loyalty.cli.UserError;
import loyalty.cli.console.Progress;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.flink.ledger.LedgerTables;
import loyalty.flink.raw.RawEvent;
import loyalty.flink.raw.RawEventsReader;
import loyalty.flink.replay.LedgerFigures;
import loyalty.flink.replay.ReplayJob;
import loyalty.flink.replay.ReplaySettings;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.ledger.rules.RuleSet;
import loyalty.ledger.rules.RuleSets;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code loyalty simulate}: a candidate rule set run over the recorded history (raw.events) from {@code --from} to
 * {@code --to} by the same identity and ledger code as the live jobs, into {@code iceberg.simulation.*}; live state
 * is not touched. The candidate governs from {@code --from} on (rule sets published later in the history are left
 * out). The report sets points issued, liability and tier distribution beside the live ledger's (SPEC §9).
 * Exit code 2 when the candidate is invalid, with its errors.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a candidate rule set over recorded history without touching live state, and compare"
                + " points issued, liability and tiers with the live rules.")
public final class SimulateCommand implements Callable<Integer> {
    public static final String NAMESPACE = "simulation";
    static final int INVALID_RULES = 2;

    @Option(names = "--rules", required = true, paramLabel = "FILE", description = "Candidate rule set (JSON).")
    Path rules;

    @Option(names = "--from", paramLabel = "INSTANT|DATE",
            description = "Start of the simulated period (default: 90 days before --to).")
    String from;

    @Option(names = "--to", paramLabel = "INSTANT|DATE",
            description = "End of the simulated period (default: the newest recorded event).")
    String to;

    @Option(names = "--program", description = "Program (default: the only one in raw.events).")
    String program;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
    Path json;

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ObjectNode candidate = readCandidate(rules);
        // Validated before anything runs; the effective time is set below and does not change what is valid.
        RuleSets.Parsed parsed = RuleSets.parse(candidate, Instant.EPOCH);
        if (parsed instanceof RuleSets.Parsed.Invalid invalid) {
            return invalid(invalid);
        }
        RuleSet rulesValid = ((RuleSets.Parsed.Valid) parsed).rules();
        LakehouseConfig lakehouse = RunningStack.lakehouse(stack);
        Instant latest;
        String programId;
        try (RawEventsReader reader = RawEventsReader.open(lakehouse)) {
            latest = reader.latestOccurredAt().orElseThrow(() -> new UserError(
                    "raw.events is empty: there is no history to simulate over."));
            programId = program != null ? program : onlyProgram(reader.countBy("program"));
        }
        Instant end = to == null ? latest : TimeArgument.parse(to, "--to");
        Instant start = from == null ? end.minus(Duration.ofDays(90)) : TimeArgument.parse(from, "--from");
        if (!start.isBefore(end)) {
            throw new UserError("--from (" + start + ") must be before --to (" + end + ").");
        }
        candidate.put("effective_from", start.toString());
        candidate.put("program", programId);
        long t0 = System.nanoTime();
        try (ProgressBar bar = Progress.bar("simulate " + rulesValid.version(), -1, null, 1)) {
            ReplayJob.runLocal(new ReplaySettings(lakehouse, NAMESPACE, end, end,
                    List.of(publication(candidate, programId, start)), start, parallelism));
        } catch (Exception e) {
            throw new UserError("the simulation job failed: " + LedgerReplay.rootMessage(e) + "; see the log file.");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Simulation report = new Simulation(programId, rulesValid.version(), start, end, rulesValid.costPerPoint(),
                LedgerFigures.read(lakehouse, LedgerTables.LIVE_NAMESPACE, start, end),
                LedgerFigures.read(lakehouse, NAMESPACE, start, end), seconds);
        SimulationReport.print(report, System.out);
        if (json != null) {
            EventJson.mapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
        }
        return 0;
    }

    private int invalid(RuleSets.Parsed.Invalid invalid) {
        spec.commandLine().getErr().println("error: the candidate rule set " + rules + " is invalid:");
        invalid.errors().forEach(e -> spec.commandLine().getErr().println("  - " + e));
        spec.commandLine().getErr().flush();
        return INVALID_RULES;
    }

    /** The candidate's publication, just before the period so that it governs the period's first event. */
    static RawEvent publication(JsonNode candidate, String program, Instant start) throws IOException {
        ObjectNode payload = EventJson.mapper().createObjectNode();
        payload.set("rule_set", candidate);
        payload.put("effective_from", start.toString());
        Instant at = start.minusMillis(1);
        return new RawEvent("simulation:" + candidate.path("version").asText("candidate"),
                EventType.RULES_PUBLISHED.wireName(), program, at, "simulation", Identifiers.NONE,
                EventJson.mapper().writeValueAsString(payload), Instant.now(), "simulation", 0, 0);
    }

    private static ObjectNode readCandidate(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("no rule set file " + file);
        }
        try {
            JsonNode node = EventJson.mapper().readTree(file.toFile());
            if (!(node instanceof ObjectNode object)) {
                throw new UserError(file + " is not a JSON object: a rule set is one.");
            }
            return object;
        } catch (IOException e) {
            throw new UserError(file + " is not valid JSON: " + e.getMessage());
        }
    }

    private static String onlyProgram(Map<String, Long> programs) {
        if (programs.size() != 1) {
            throw new UserError("raw.events holds " + programs.size() + " programs " + programs.keySet()
                    + ": choose one with --program.");
        }
        return programs.keySet().iterator().next();
    }

    /** The report: live rules against the candidate over the same period. */
    public record Simulation(
            @com.fasterxml.jackson.annotation.JsonProperty("program") String program,
            @com.fasterxml.jackson.annotation.JsonProperty("candidate_version") String candidateVersion,
            @com.fasterxml.jackson.annotation.JsonProperty("from") Instant from,
            @com.fasterxml.jackson.annotation.JsonProperty("to") Instant to,
            @com.fasterxml.jackson.annotation.JsonProperty("cost_per_point") BigDecimal costPerPoint,
            @com.fasterxml.jackson.annotation.JsonProperty("live") LedgerFigures live,
            @com.fasterxml.jackson.annotation.JsonProperty("candidate") LedgerFigures candidate,
            @com.fasterxml.jackson.annotation.JsonProperty("seconds") double seconds) {
    }
}
