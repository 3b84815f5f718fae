package loyalty.cli.replay;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.contract.event.EventJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loyalty replay}: the ledger rebuilt from raw.events by the same identity and ledger code, in Flink batch
 * mode, into {@code iceberg.replay.*}, and compared row for row with the live {@code iceberg.ledger.*}. Exit code 0
 * when equal, 1 when not.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Rebuild the ledger from the recorded history (raw.events) in Flink batch mode and prove it"
                + " equal to the live ledger. Writes iceberg.replay.*; exit code 1 when they differ.")
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON.")
    Path json;

    @Mixin
    StackOptions stack;

    @Override
    public Integer call() throws Exception {
        LedgerReplay.Outcome outcome = LedgerReplay.run(RunningStack.lakehouse(stack), LedgerReplay.NAMESPACE,
                parallelism);
        ReplayReport.print(outcome, System.out);
        if (json != null) {
            EventJson.mapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), outcome);
        }
        return outcome.comparison().equal() ? 0 : 1;
    }
}
