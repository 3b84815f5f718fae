package loyalty.stack.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import loyalty.stack.StackException;

/** Runs a short external command to completion, optionally as another OS user, and keeps its output. */
public final class Commands {
    private Commands() {
    }

    public record Result(int exitCode, String output) {
    }

    public static Result run(List<String> command, String asUser, Path workDir, long timeoutSeconds) {
        List<String> full = new ArrayList<>();
        if (asUser != null) {
            // PostgreSQL's tools refuse to run as root; runuser drops to the service user without a password.
            full.addAll(List.of("runuser", "-u", asUser, "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        try {
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new StackException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StackException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while running " + command.get(0), e);
        }
    }

    public static Result runChecked(List<String> command, String asUser, Path workDir, long timeoutSeconds) {
        Result result = run(command, asUser, workDir, timeoutSeconds);
        if (result.exitCode() != 0) {
            throw new StackException(String.join(" ", command) + " failed (exit " + result.exitCode() + "): "
                    + result.output().strip());
        }
        return result;
    }

    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
