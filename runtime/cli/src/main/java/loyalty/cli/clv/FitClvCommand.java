package loyalty.cli.clv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import loyalty.cli.UserError;
import loyalty.cli.ml.SparkJobLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loyalty clv fit}: both CLV models fitted on a shop's CSV export, without a stack. The fit is spark-ml's
 * {@code loyalty.ml.clv.FitJob} (plain Java, no Spark session), run like the Spark jobs in a child JVM on spark-ml's
 * classpath ({@link SparkJobLauncher#runWithoutStack}); this command checks its options first, so that a typo costs
 * no JVM start. The job prints the tables, writes the JSON, and exits 1 with the bad rows listed when the file cannot
 * be read whole; its exit code is this command's.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit BG/NBD and Gamma-Gamma on a CSV of customer_id,date,amount (header optional, ISO dates,"
                + " amounts net of returns); print the parameters with standard errors and the log-likelihoods,"
                + " and write them as JSON with --json. Needs no stack.")
public final class FitClvCommand implements Callable<Integer> {
    static final Set<String> TIME_UNITS = Set.of("day", "week");

    @Option(names = "--transactions", required = true, paramLabel = "FILE.csv",
            description = "Purchases, one per row: customer_id,date,amount. Several on one day count as one.")
    Path transactions;

    @Option(names = "--cutoff", paramLabel = "DATE", description = "End of the calibration period, e.g. 2024-06-30:"
            + " purchases on or before it are fitted, later ones ignored (default: the last date in the file).")
    String cutoff;

    @Option(names = "--time-unit", defaultValue = "week", paramLabel = "day|week", description = "Unit of recency,"
            + " age and so of alpha; the published figures are per week (default: ${DEFAULT-VALUE}).")
    String timeUnit;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the parameters as JSON.")
    Path json;

    @Option(names = "--heap", defaultValue = "1g", description = "Heap of the fit's JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Override
    public Integer call() throws Exception {
        return SparkJobLauncher.runWithoutStack(heap, SparkJobLauncher.CLV_FIT_JOB, jobArguments());
    }

    /** The job's command line, once the options are known to be good; paths absolute, for the child JVM. */
    List<String> jobArguments() {
        if (!TIME_UNITS.contains(timeUnit.strip().toLowerCase(Locale.ROOT))) {
            throw new UserError("--time-unit: unknown time unit '" + timeUnit + "': use day or week.");
        }
        if (cutoff != null) {
            try {
                LocalDate.parse(cutoff.strip());
            } catch (DateTimeParseException e) {
                throw new UserError("--cutoff " + cutoff + " is not a date: use YYYY-MM-DD.");
            }
        }
        if (!Files.isRegularFile(transactions)) {
            throw new UserError("no transactions file " + transactions + ".");
        }
        List<String> args = new ArrayList<>(List.of("--transactions", transactions.toAbsolutePath().toString(),
                "--time-unit", timeUnit.strip()));
        if (cutoff != null) {
            args.addAll(List.of("--cutoff", cutoff.strip()));
        }
        if (json != null) {
            args.addAll(List.of("--json", json.toAbsolutePath().toString()));
        }
        return args;
    }
}
