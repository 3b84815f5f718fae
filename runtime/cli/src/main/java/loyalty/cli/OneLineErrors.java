package loyalty.cli;

import loyalty.stack.StackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Errors end a command with one clear sentence and a non-zero exit; the stack trace goes to the log file only. */
public final class OneLineErrors implements IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OneLineErrors.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        LOG.error("event=command_failed command={}", command.getCommandName(), e);
        String message = e instanceof UserError || e instanceof StackException
                ? e.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage() + " (details in "
                        + System.getProperty("loyalty.log.dir") + "/loyalty.log)";
        command.getErr().println("error: " + message);
        return 1;
    }
}
