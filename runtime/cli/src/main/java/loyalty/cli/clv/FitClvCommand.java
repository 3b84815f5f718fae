package loyalty.cli.clv;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import loyalty.cli.UserError;
import loyalty.ml.clv.BgNbd;
import loyalty.ml.clv.CustomerSummary;
import loyalty.ml.clv.FitResult;
import loyalty.ml.clv.GammaGamma;
import loyalty.ml.clv.TimeScale;
import loyalty.ml.clv.Transaction;
import loyalty.ml.clv.TransactionsCsv;
import loyalty.ml.clv.TransactionsCsv.InvalidTransactionsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loyalty clv fit}: both CLV models fitted on a shop's CSV export, in this JVM and without a stack or Spark.
 * Exit code 1 with the bad rows listed when the file cannot be read whole.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit BG/NBD and Gamma-Gamma on a CSV of customer_id,date,amount (header optional, ISO dates,"
                + " amounts net of returns); print the parameters with standard errors and the log-likelihoods,"
                + " and write them as JSON with --json. Needs no stack.")
public final class FitClvCommand implements Callable<Integer> {
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        TimeScale scale;
        try {
            scale = TimeScale.parse(timeUnit);
        } catch (IllegalArgumentException e) {
            throw new UserError("--time-unit: " + e.getMessage() + ".");
        }
        List<Transaction> rows = read(transactions);
        LocalDate end = cutoff == null ? rows.stream().map(Transaction::date).max(Comparator.naturalOrder())
                .orElseThrow() : date(cutoff);
        List<CustomerSummary> customers = CustomerSummary.fromTransactions(rows, end, scale);
        if (customers.isEmpty()) {
            throw new UserError("no purchase in " + transactions + " is on or before the cutoff " + end
                    + ": choose a later --cutoff.");
        }
        long start = System.nanoTime();
        FitResult<BgNbd> purchases = BgNbd.fit(customers);
        FitResult<GammaGamma> spend;
        try {
            spend = GammaGamma.fit(customers);
        } catch (IllegalArgumentException e) {
            throw new UserError("Gamma-Gamma cannot be fitted: " + e.getMessage() + " (it needs customers who"
                    + " bought on at least two days before the cutoff).");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ClvFit fit = new ClvFit(transactions.toString(), end, scale, rows.size(), customers.size(), purchases, spend,
                seconds);
        PrintWriter out = spec.commandLine().getOut();
        fit.print(out);
        out.flush();
        if (json != null) {
            fit.writeJson(json);
        }
        return 0;
    }

    private static List<Transaction> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserError("no transactions file " + file + ".");
        }
        try {
            return TransactionsCsv.read(file);
        } catch (InvalidTransactionsException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new UserError("--cutoff " + text + " is not a date: use YYYY-MM-DD.");
        }
    }
}
