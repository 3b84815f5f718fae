package loyalty.cli.erase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import loyalty.cli.LoyaltyCommand;
import loyalty.cli.OneLineErrors;
import loyalty.cli.UserError;
import loyalty.lakehouse.erasure.ErasureReport;
import loyalty.stack.trino.TableRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command's own parts; the erasure itself (and its unknown-member error) runs against a real Trino in the
 * lakehouse module's ErasureIntegrationTest.
 */
class EraseCommandTest {
    @TempDir
    Path work;

    @Test
    void isALoyaltySubcommandThatRequiresAReasonAndARequester() {
        CommandLine erase = new CommandLine(new LoyaltyCommand()).getSubcommands().get("erase");

        assertThat(erase).isNotNull();
        assertThat(erase.getCommandSpec().optionsMap()).containsKeys("--reason", "--requested-by", "--program",
                "--orphan-retention", "--url", "--user");
        assertThat(run("erase", "zoe@example.com").err()).contains("Missing required options")
                .contains("--reason").contains("--requested-by");
    }

    @Test
    void withoutARunningStackItSaysHowToStartOneAndChangesNothing() {
        Run run = run("erase", "zoe@example.com", "--reason", "ticket 1", "--requested-by", "dpo", "--work",
                work.toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("no local stack is running").contains("stack up");
    }

    @Test
    void orphanRetentionIsADuration() {
        assertThat(EraseCommand.parseRetention("0s")).isEqualTo(Duration.ZERO);
        assertThat(EraseCommand.parseRetention("2h")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> EraseCommand.parseRetention("soon")).isInstanceOf(UserError.class)
                .hasMessageContaining("--orphan-retention 'soon'");
    }

    @Test
    void printsRowsChangedFilesAndSnapshotsPerTable() {
        ErasureReport report = new ErasureReport("e-1", "acme", "ERASED-0123456789abcdef", 2,
                Map.of("ledger.points_ledger", 5L),
                List.of(new ErasureReport.TableRewrite("ledger.points_ledger", 15, 5, 10, 6, 8, 1)), 10, 7,
                Duration.ofMillis(4_200));

        String printed = ErasureTable.summary(report) + TableRenderer.render(ErasureTable.of(report));

        assertThat(printed).startsWith("Erased 2 profile(s) in program acme; their rows now carry"
                        + " ERASED-0123456789abcdef (erasure e-1, 4.2 s): 10 files rewritten, 7 snapshots expired.")
                .contains("ledger.points_ledger").contains("15 -> 5").contains("8 -> 1").endsWith("(1 row)\n");
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new LoyaltyCommand()).setExecutionExceptionHandler(new OneLineErrors());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {
    }
}
