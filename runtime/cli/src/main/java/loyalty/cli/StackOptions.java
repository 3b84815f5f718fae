package loyalty.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the local stack lives and which loopback ports it uses; shared by every command that starts or finds it. */
public final class StackOptions {
    @Option(names = "--work", description = "Work folder (default: $LOYALTY_WORK or ./work).")
    Path work;

    @Option(names = "--pg-port", defaultValue = "54329", description = "PostgreSQL port (default: ${DEFAULT-VALUE}).")
    public int pgPort;

    @Option(names = "--kafka-port", defaultValue = "19092", description = "Kafka port (default: ${DEFAULT-VALUE}).")
    public int kafkaPort;

    @Option(names = "--trino-port", defaultValue = "18080", description = "Trino port (default: ${DEFAULT-VALUE}).")
    public int trinoPort;

    @Option(names = "--http-port", defaultValue = "18081",
            description = "Feed HTTP port, loopback only (default: ${DEFAULT-VALUE}).")
    public int httpPort;

    @Option(names = "--api-port", defaultValue = "18089",
            description = "Balance API port, loopback only; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    public int apiPort;

    @Option(names = "--no-trino", description = "Do not start Trino (saves up to 4 GB of memory); the rest runs.")
    public boolean noTrino;

    public Workspace workspace() {
        return new Workspace(work != null ? work : Workspace.locate(new String[0]));
    }
}
