package loyalty.ml.clv;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import loyalty.ml.clv.TransactionsCsv.InvalidTransactionsException;

/**
 * {@code loyalty clv fit}: BG/NBD and Gamma-Gamma fitted on a shop's CSV export ({@link TransactionsCsv}), printed as
 * tables ({@link FitTables}) and optionally written as JSON ({@link FitJson}). Arguments: {@link FitArguments}. Plain
 * Java, no Spark session and no stack; the CLI runs it as a child JVM on this module's classpath like the Spark jobs.
 *
 * <p>Exit code 0, or 1 with one {@code error: …} message on the error stream when the arguments are wrong, the file
 * is missing, rows are bad (each listed with its line number) or the data cannot be fitted.
 */
public final class FitJob {
    private FitJob() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole job, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        FitArguments arguments;
        try {
            arguments = FitArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        try {
            ClvFit fit = ClvFit.of(arguments.transactions().toString(), read(arguments.transactions()),
                    arguments.cutoff(), arguments.scale());
            FitTables.print(fit, out);
            out.flush();
            if (arguments.json() != null) {
                write(fit, arguments.json());
            }
            return 0;
        } catch (InvalidTransactionsException | FitInputException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static List<Transaction> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FitInputException("no transactions file " + file + ".");
        }
        try {
            return TransactionsCsv.read(file);
        } catch (IOException e) {
            throw new FitInputException("cannot read " + file + ": " + e.getMessage() + ".");
        }
    }

    private static void write(ClvFit fit, Path json) {
        try {
            FitJson.write(fit, json);
        } catch (IOException e) {
            throw new FitInputException("cannot write " + json + ": " + e.getMessage() + ".");
        }
    }
}
