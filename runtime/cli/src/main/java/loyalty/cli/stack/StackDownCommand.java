package loyalty.cli.stack;

import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import loyalty.cli.StackOptions;
import loyalty.cli.UserError;
import loyalty.stack.postgres.PostgresCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the local stack; data stays in the work folder.")
public final class StackDownCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Override
    public Integer call() throws Exception {
        Optional<StackState> state = StackState.readLive(options.workspace().stateFile());
        if (state.isPresent()) {
            ProcessHandle process = ProcessHandle.of(state.get().pid()).orElseThrow();
            process.destroy();
            try {
                process.onExit().get(3, TimeUnit.MINUTES);
            } catch (TimeoutException e) {
                throw new UserError("the stack (pid " + process.pid() + ") did not stop within 3 minutes; kill it"
                        + " with 'kill " + process.pid() + "'.");
            }
            System.out.println("stack stopped (pid " + process.pid() + ")");
        } else {
            System.out.println("no stack is running");
        }
        // A stack killed hard leaves its PostgreSQL running: stop that too.
        if (PostgresCluster.stopIfRunning(options.workspace().postgres())) {
            System.out.println("stopped a PostgreSQL left running in " + options.workspace().postgres());
        }
        Files.deleteIfExists(options.workspace().stateFile());
        return 0;
    }
}
