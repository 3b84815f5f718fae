package loyalty.cli;

import java.nio.file.Path;
import picocli.CommandLine;

/** Entry point of {@code ./loyalty}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Must be set before the first logger is created: log4j2.xml writes under the work folder.
        Path work = Workspace.locate(args);
        System.setProperty("loyalty.log.dir", work.resolve("logs").toString());
        int exit = new CommandLine(new LoyaltyCommand())
                .setExecutionExceptionHandler(new OneLineErrors())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
        System.exit(exit);
    }
}
