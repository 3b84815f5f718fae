package loyalty.cli.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the churn and propensity models (recency baseline, logistic regression, gradient-boosted"
                + " trees) with Spark MLlib on the running stack's lakehouse: features at a train cutoff, holdout"
                + " at a later one, models registered in ml.models; prints AUC-ROC, AUC-PR and lift.")
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = "--model", defaultValue = "all", description = "churn, propensity or all (default: all).")
    String model;

    @Option(names = "--train-cutoff", description = "e.g. 2026-03-01 (default: 90 days before the holdout cutoff).")
    String trainCutoff;

    @Option(names = "--holdout-cutoff",
            description = "e.g. 2026-06-01 (default: 90 days before the newest event, so its labels are known).")
    String holdoutCutoff;

    @Option(names = "--preset", defaultValue = "full", description = "full, or quick: two folds over a smaller grid"
            + " and fewer trees, for a first look; the demo trains this way (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--heap", defaultValue = "2g", description = "Heap of the Spark JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(List.of("--model", model));
        if (trainCutoff != null) {
            args.addAll(List.of("--train-cutoff", trainCutoff));
        }
        if (holdoutCutoff != null) {
            args.addAll(List.of("--holdout-cutoff", holdoutCutoff));
        }
        args.addAll(List.of("--preset", preset));
        return SparkJobLauncher.run(stack, heap, SparkJobLauncher.TRAIN_JOB, args, false);
    }
}
