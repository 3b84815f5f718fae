package loyalty.cli;

import java.nio.file.Path;

/**
 * The folder that holds everything the local stack writes: PostgreSQL's data, Kafka's log, the Iceberg warehouse,
 * Trino, Flink checkpoints, CDC offsets, generated data and logs. Default {@code ./work}; {@code LOYALTY_WORK} or
 * {@code --work} move it.
 */
public record Workspace(Path root) {

    public Workspace {
        root = root.toAbsolutePath().normalize();
    }

    public Path postgres() {
        return root.resolve("postgres");
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path warehouse() {
        return root.resolve("warehouse");
    }

    public Path trino() {
        return root.resolve("trino");
    }

    public Path checkpoints() {
        return root.resolve("flink-checkpoints");
    }

    public Path cdcOffsets() {
        return root.resolve("cdc").resolve("offsets.dat");
    }

    public Path generated() {
        return root.resolve("generated");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path stateFile() {
        return root.resolve("stack.json");
    }

    /** Finds the work folder before picocli parses anything (logging must know it first). */
    static Path locate(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--work") && i + 1 < args.length) {
                return Path.of(args[i + 1]).toAbsolutePath();
            }
            if (args[i].startsWith("--work=")) {
                return Path.of(args[i].substring("--work=".length())).toAbsolutePath();
            }
        }
        String env = System.getenv("LOYALTY_WORK");
        return Path.of(env != null && !env.isBlank() ? env : "work").toAbsolutePath();
    }
}
