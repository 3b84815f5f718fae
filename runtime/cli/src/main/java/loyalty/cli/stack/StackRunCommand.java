package loyalty.cli.stack;

import java.nio.file.Files;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import loyalty.cli.StackOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the stack in the foreground until the process is told to stop (Ctrl-C or SIGTERM from 'stack down'). */
@Command(name = "run", hidden = true, description = "Run the stack in this process until stopped.")
public final class StackRunCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Override
    public Integer call() throws Exception {
        LocalStack stack = LocalStack.start(options, (component, detail) ->
                System.out.printf("  %-11s %s%n", component, detail));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stack.close();
                Files.deleteIfExists(options.workspace().stateFile());
            } catch (Exception ignored) {
                // nothing left to do at exit
            } finally {
                stopped.countDown();
            }
        }, "stack-shutdown"));
        stack.state().write(options.workspace().stateFile());
        System.out.println("stack ready; state in " + options.workspace().stateFile());
        stopped.await();
        return 0;
    }
}
