package loyalty.cli.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.cli.ledger.SettledPipeline;
import loyalty.cli.stack.StackState;
import loyalty.contract.event.EventJson;
import loyalty.lakehouse.catalog.LakehouseConfig;
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

    @Option(names = "--timeout", defaultValue = "PT15M",
            description = "How long to wait for the live pipeline to take in what it was sent (default: 15 min).")
    Duration timeout;

    @Option(names = "--no-wait", description = "Compare with the live ledger as it is, without waiting for it.")
    boolean noWait;

    @Override
    public Integer call() throws Exception {
        StackState state = RunningStack.state(stack);
        LakehouseConfig lakehouse = state.lakehouse();
        if (!noWait) {
            // a replay compares with the live ledger: first let the live jobs take in what was sent (history is
            // resolved once the input goes quiet), so that a difference is a difference, not a job catching up
            System.out.println("waiting until the live pipeline has taken in everything sent to it …");
            SettledPipeline.Settled settled = SettledPipeline.await(state.kafkaBootstrap(), lakehouse,
                    state.checkpointsOf("ledger").orElse(null), timeout);
            System.out.printf("  %,d events in raw.events, %,d resolved or dead-lettered by identity resolution%n",
                    settled.rawEvents(), settled.resolvedOrDeadLettered());
        }
        LedgerReplay.Outcome outcome = LedgerReplay.run(lakehouse, LedgerReplay.NAMESPACE, parallelism);
        ReplayReport.print(outcome, System.out);
        if (json != null) {
            EventJson.mapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), outcome);
        }
        return outcome.comparison().equal() ? 0 : 1;
    }
}
