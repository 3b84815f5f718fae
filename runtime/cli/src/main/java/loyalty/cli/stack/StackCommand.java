package loyalty.cli.stack;

import picocli.CommandLine.Command;

@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Start, stop or inspect the local stack (PostgreSQL, Kafka, CDC, Flink, Iceberg, Trino).",
        subcommands = {StackUpCommand.class, StackDownCommand.class, StackStatusCommand.class,
                StackRunCommand.class})
public final class StackCommand {
}
