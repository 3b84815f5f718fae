package loyalty.cli;

import loyalty.cli.ingest.IngestCommand;
import loyalty.cli.stack.StackCommand;
import picocli.CommandLine.Command;

@Command(name = "loyalty", mixinStandardHelpOptions = true, version = "loyalty 0.1.0",
        description = "Real-time loyalty platform: run the demo, manage the local stack, generate data, ingest feeds,"
                + " query with SQL.",
        subcommands = {StackCommand.class, IngestCommand.class})
public final class LoyaltyCommand {
}
