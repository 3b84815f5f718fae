package loyalty.cli.stack;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import loyalty.contract.event.EventJson;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.stack.postgres.PostgresCluster;

/**
 * What a running stack publishes about itself in {@code <work>/stack.json}, so that other commands (ingest, sql,
 * generate) and other tools find it: the process, and every endpoint.
 */
public record StackState(
        @JsonProperty("pid") long pid,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("postgres_port") int postgresPort,
        @JsonProperty("shop_jdbc_url") String shopJdbcUrl,
        @JsonProperty("catalog_jdbc_url") String catalogJdbcUrl,
        @JsonProperty("kafka_bootstrap") String kafkaBootstrap,
        @JsonProperty("feed_http_url") String feedHttpUrl,
        @JsonProperty("trino_jdbc_url") String trinoJdbcUrl,
        @JsonProperty("warehouse") String warehouse,
        @JsonProperty("api_url") String apiUrl,
        @JsonProperty("checkpoints") String checkpoints) {

    /** A stack without the balance API. */
    public StackState(long pid, Instant startedAt, int postgresPort, String shopJdbcUrl, String catalogJdbcUrl,
                      String kafkaBootstrap, String feedHttpUrl, String trinoJdbcUrl, String warehouse) {
        this(pid, startedAt, postgresPort, shopJdbcUrl, catalogJdbcUrl, kafkaBootstrap, feedHttpUrl, trinoJdbcUrl,
                warehouse, null, null);
    }

    /** A stack whose checkpoint folder is not known (written by an earlier version). */
    public StackState(long pid, Instant startedAt, int postgresPort, String shopJdbcUrl, String catalogJdbcUrl,
                      String kafkaBootstrap, String feedHttpUrl, String trinoJdbcUrl, String warehouse,
                      String apiUrl) {
        this(pid, startedAt, postgresPort, shopJdbcUrl, catalogJdbcUrl, kafkaBootstrap, feedHttpUrl, trinoJdbcUrl,
                warehouse, apiUrl, null);
    }

    /** The stack's Iceberg catalog and warehouse, as its jobs reach them. */
    public LakehouseConfig lakehouse() {
        return new LakehouseConfig(catalogJdbcUrl, PostgresCluster.USER, PostgresCluster.PASSWORD, warehouse);
    }

    /** The retained checkpoints of one of the stack's jobs ({@code raw-events}, {@code identity}, {@code ledger}), if known. */
    public Optional<Path> checkpointsOf(String job) {
        return checkpoints == null ? Optional.empty() : Optional.of(Path.of(checkpoints).resolve(job));
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
            // Readers never see a half-written file.
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state of a stack whose process is still alive; a stale file of a dead process counts as none. */
    public static Optional<StackState> readLive(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            StackState state = EventJson.mapper().readValue(file.toFile(), StackState.class);
            boolean alive = ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(state) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The Trino JDBC URL to use: {@code explicitUrl} if given, else that of the stack running from {@code stateFile}.
     *
     * @throws loyalty.cli.UserError saying what to do when there is neither
     */
    public static String trinoUrl(String explicitUrl, Path stateFile) {
        if (explicitUrl != null) {
            return explicitUrl;
        }
        return readLive(stateFile)
                .map(s -> {
                    if (s.trinoJdbcUrl() == null) {
                        throw new loyalty.cli.UserError("the running stack has no Trino (it needs a JDK >= 24 under"
                                + " /usr/lib/jvm or LOYALTY_TRINO_JAVA_HOME); restart it once one is installed.");
                    }
                    return s.trinoJdbcUrl();
                })
                .orElseThrow(() -> new loyalty.cli.UserError("no local stack is running: start it with"
                        + " './loyalty stack up' or pass --url jdbc:trino://HOST:PORT/iceberg."));
    }
}
