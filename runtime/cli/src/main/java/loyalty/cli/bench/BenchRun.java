package loyalty.cli.bench;

import java.time.Duration;
import loyalty.cli.UserError;
import loyalty.generator.GeneratorConfig;
import picocli.CommandLine.Option;

/** The settings every benchmark shares: the generated program's seed and length, and how its Flink jobs run. */
public final class BenchRun {
    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--days", defaultValue = "180", description = "Days of history (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--checkpoint-interval", defaultValue = "2s", converter = DurationConverter.class,
            description = "Checkpoint interval of every Flink job of the run, e.g. 2s or 10s; Iceberg and Kafka"
                    + " outputs commit on each checkpoint (default: ${DEFAULT-VALUE}; the demo and the stack use"
                    + " 10s).")
    Duration checkpointInterval;

    @Option(names = "--parallelism", defaultValue = "2",
            description = "Parallelism of every Flink job of the run (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--timeout", defaultValue = "15m", converter = DurationConverter.class,
            description = "How long each wait may last (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** @throws UserError for a setting no run can use */
    void validate(int customers) {
        if (customers < 1) {
            throw new UserError("--customers must be at least 1, got " + customers + ".");
        }
        if (parallelism < 1) {
            throw new UserError("--parallelism must be at least 1, got " + parallelism + ".");
        }
    }

    /** @throws UserError for a program the generator cannot make */
    GeneratorConfig generatorConfig(int customers) {
        try {
            return GeneratorConfig.defaults(seed).withCustomers(customers)
                    .withPeriod(GeneratorConfig.DEFAULT_START, days);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + ".");
        }
    }
}
