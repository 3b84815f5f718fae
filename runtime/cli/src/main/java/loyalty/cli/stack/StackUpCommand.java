package loyalty.cli.stack;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import loyalty.cli.StackOptions;
import loyalty.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Starts the stack as a background process (the same program, 'stack run') and waits until it is ready. */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Start the local stack in the background.")
public final class StackUpCommand implements Callable<Integer> {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    @Mixin
    StackOptions options;

    @Override
    public Integer call() throws Exception {
        Path stateFile = options.workspace().stateFile();
        Optional<StackState> running = StackState.readLive(stateFile);
        if (running.isPresent()) {
            System.out.println("already running (pid " + running.get().pid() + ")");
            StackStatusCommand.print(running.get());
            return 0;
        }
        Files.deleteIfExists(stateFile);
        Path out = options.workspace().logs().resolve("stack.out");
        Files.createDirectories(out.getParent());
        Process child = new ProcessBuilder(command())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        System.out.println("starting the stack (pid " + child.pid() + "; output in " + out + ") …");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<StackState> state = StackState.readLive(stateFile);
            if (state.isPresent()) {
                StackStatusCommand.print(state.get());
                return 0;
            }
            if (!child.isAlive()) {
                throw new UserError("the stack did not start: " + lastLines(out));
            }
            try {
                child.onExit().get(500, TimeUnit.MILLISECONDS); // wakes early if the child dies
            } catch (TimeoutException stillStarting) {
                // poll again
            }
        }
        child.destroy();
        throw new UserError("the stack was not ready within " + READY_TIMEOUT.toMinutes() + " minutes; see " + out);
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("loyalty.cli.Main");
        command.addAll(List.of("stack", "run", "--work", options.workspace().root().toString(),
                "--pg-port", String.valueOf(options.pgPort), "--kafka-port", String.valueOf(options.kafkaPort),
                "--trino-port", String.valueOf(options.trinoPort), "--http-port", String.valueOf(options.httpPort),
                "--api-port", String.valueOf(options.apiPort)));
        if (options.noTrino) {
            command.add("--no-trino");
        }
        return command;
    }

    private static String lastLines(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
