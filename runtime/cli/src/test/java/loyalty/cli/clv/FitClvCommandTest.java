package loyalty.cli.clv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import loyalty.cli.LoyaltyCommand;
import loyalty.cli.OneLineErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code loyalty clv fit}'s own part: its options, checked before any JVM starts, and the job's command line. The fit
 * itself is spark-ml's {@code loyalty.ml.clv.FitJob}, tested there (FitJobTest); nothing here needs spark-ml built.
 */
class FitClvCommandTest {
    @TempDir
    Path folder;

    record Run(int exit, String out, String err) {
    }

    static Run loyalty(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new LoyaltyCommand()).setExecutionExceptionHandler(new OneLineErrors());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void wrongOptionsEndTheCommandWithOneSentenceBeforeAnyJvmStarts() throws IOException {
        Path shop = Files.writeString(folder.resolve("shop.csv"), "c1,2024-01-01,10\n");
        Run unit = loyalty("clv", "fit", "--transactions", shop.toString(), "--time-unit", "month");
        assertThat(unit.exit()).isEqualTo(1);
        assertThat(unit.err()).contains("error: --time-unit: unknown time unit 'month': use day or week.");
        assertThat(loyalty("clv", "fit", "--transactions", shop.toString(), "--cutoff", "31/12/2024").err())
                .contains("error: --cutoff 31/12/2024 is not a date: use YYYY-MM-DD.");
        assertThat(loyalty("clv", "fit", "--transactions", folder.resolve("none.csv").toString()).err())
                .contains("error: no transactions file");
        assertThat(loyalty("clv", "fit").err()).contains("Missing required option: '--transactions=FILE.csv'");
    }

    @Test
    void theJobGetsAbsolutePathsAndOnlyTheOptionsGiven() throws IOException {
        Path shop = Files.writeString(folder.resolve("shop.csv"), "c1,2024-01-01,10\n");
        FitClvCommand fit = new FitClvCommand();
        new CommandLine(fit).parseArgs("--transactions", shop.toString(), "--time-unit", "DAY");
        assertThat(fit.jobArguments()).containsExactly("--transactions", shop.toAbsolutePath().toString(),
                "--time-unit", "DAY");

        fit = new FitClvCommand();
        new CommandLine(fit).parseArgs("--transactions", shop.toString(), "--cutoff", "2024-06-30", "--json", "f.json");
        assertThat(fit.jobArguments()).isEqualTo(List.of("--transactions", shop.toAbsolutePath().toString(),
                "--time-unit", "week", "--cutoff", "2024-06-30", "--json", Path.of("f.json").toAbsolutePath().toString()));
        assertThat(fit.heap).isEqualTo("1g");
    }
}
