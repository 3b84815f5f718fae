package loyalty.cli;

import loyalty.cli.stack.StackState;
import picocli.CommandLine.Option;

/** Which Trino a query command talks to, and as whom; shared by every command that queries through Trino. */
public final class TrinoOptions {
    @Option(names = "--url", description = "Trino JDBC URL (default: the running local stack's).")
    String url;

    @Option(names = "--user", defaultValue = "admin", description = "Trino user (default: ${DEFAULT-VALUE}).")
    public String user;

    /** {@code --url}, else that of the stack running from {@code stack}'s work folder (else a UserError). */
    public String jdbcUrl(StackOptions stack) {
        return StackState.trinoUrl(url, stack.workspace().stateFile());
    }
}
