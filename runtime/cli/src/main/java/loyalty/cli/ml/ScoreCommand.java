package loyalty.cli.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score every member with the newest registered model (see 'loyalty train'): writes"
                + " ml.member_scores and publishes one ml.scored event per member to Kafka, where the ledger job"
                + " turns churn scores of 0.7 and more into CHURN_RISK nudges.")
public final class ScoreCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = "--model", defaultValue = "churn", description = "churn or propensity (default: churn).")
    String model;

    @Option(names = "--kind", description = "recency_baseline, logistic_regression or gbt (default: the model the"
            + " last training selected).")
    String kind;

    @Option(names = "--cutoff", description = "Score as of this time, e.g. 2026-06-01 (default: now).")
    String cutoff;

    @Option(names = "--no-publish", description = "Only write ml.member_scores; send no events.")
    boolean noPublish;

    @Option(names = "--heap", defaultValue = "2g", description = "Heap of the Spark JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(List.of("--model", model));
        if (kind != null) {
            args.addAll(List.of("--kind", kind));
        }
        if (cutoff != null) {
            args.addAll(List.of("--cutoff", cutoff));
        }
        return SparkJobLauncher.run(stack, heap, SparkJobLauncher.SCORE_JOB, args, !noPublish);
    }
}
