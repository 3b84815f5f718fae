package loyalty.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import loyalty.cli.LoyaltyCommand;
import loyalty.cli.OneLineErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code loyalty simulate} says before any job runs: an invalid candidate, a missing file, no stack. */
class SimulateCommandTest {
    @TempDir
    Path work;

    @Test
    void anInvalidCandidateIsRefusedWithItsErrorsBeforeAnythingRuns() throws Exception {
        Path rules = Files.writeString(work.resolve("candidate.json"),
                "{\"version\":\"v9\",\"base_rate\":\"-1\",\"tiers\":\"gold\"}");

        Run run = simulate("--rules", rules.toString());

        assertThat(run.exit()).isEqualTo(SimulateCommand.INVALID_RULES);
        assertThat(run.err()).contains("is invalid").contains("base_rate").contains("tiers");
    }

    @Test
    void aValidCandidateNeedsARunningStackAndSaysHowToStartOne() throws Exception {
        Path rules = Files.writeString(work.resolve("candidate.json"), "{\"version\":\"v9\",\"base_rate\":\"2\"}");

        Run run = simulate("--rules", rules.toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("no local stack is running").contains("stack up");
    }

    @Test
    void aFileThatIsNotJsonIsNamedInTheError() throws Exception {
        Path rules = Files.writeString(work.resolve("candidate.json"), "base_rate: 2");

        Run run = simulate("--rules", rules.toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("candidate.json is not valid JSON");
    }

    private Run simulate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new LoyaltyCommand())
                .setExecutionExceptionHandler(new OneLineErrors());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 3];
        all[0] = "simulate";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--work";
        all[args.length + 2] = work.toString();
        int exit = command.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {
    }
}
