package loyalty.cli.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import loyalty.cli.StackOptions;
import loyalty.cli.Workspace;
import loyalty.contract.topic.CleanupPolicy;
import loyalty.contract.topic.TopicSpec;
import loyalty.contract.topic.Topics;
import loyalty.flink.common.JobHandle;
import loyalty.flink.raw.RawEventsJob;
import loyalty.flink.raw.RawEventsJobConfig;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.stack.StackException;
import loyalty.stack.kafka.KafkaBroker;
import loyalty.stack.kafka.TopicCreator;
import loyalty.stack.postgres.PostgresCluster;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Only what the ingest benchmark measures: PostgreSQL (for the Iceberg catalog), Kafka with the registry's topics
 * and the pass-through output topic, the Iceberg tables and the raw-events job with the benchmark's checkpoint
 * interval and parallelism. No CDC, feed HTTP endpoint or Trino: they would take CPU and memory from the figures.
 * Components stop in reverse order.
 */
final class BenchStack implements AutoCloseable {
    /** Not in the registry: no component of the platform reads it; the benchmark empties it with its folder. */
    static final TopicSpec<String, byte[]> PASS_THROUGH_OUTPUT = new TopicSpec<>("loyalty.bench.pass-through",
            "none (the input key is not carried)", Topics.MEMBERS.keySerde(), "input record value bytes, unchanged",
            Topics.MEMBERS.valueSerde(), 2, CleanupPolicy.DELETE);
    private static final Logger LOG = LoggerFactory.getLogger(BenchStack.class);
    private static final Duration JOB_START_TIMEOUT = Duration.ofMinutes(2);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Workspace workspace;
    private PostgresCluster postgres;
    private KafkaBroker kafka;
    private LakehouseConfig lakehouse;
    private RawEventsJobConfig rawConfig;
    private JobHandle rawEvents;

    private BenchStack(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Starts every component; on failure stops what already started and rethrows. */
    static BenchStack start(StackOptions options, Workspace workspace, Duration checkpointInterval, int parallelism,
                            StartListener listener) {
        BenchStack stack = new BenchStack(workspace);
        try {
            stack.startAll(options, checkpointInterval, parallelism, listener);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    interface StartListener {
        void started(String component, String detail);
    }

    private void startAll(StackOptions options, Duration checkpointInterval, int parallelism,
                          StartListener listener) {
        postgres = PostgresCluster.start(workspace.postgres(), options.pgPort);
        started.push(postgres);
        listener.started("PostgreSQL", postgres.jdbcUrl(PostgresCluster.LAKEHOUSE_DB) + " (Iceberg catalog)");

        kafka = KafkaBroker.start(workspace.kafka(), options.kafkaPort);
        started.push(kafka);
        try (Admin admin = kafka.admin()) {
            TopicCreator.ensure(admin, Topics.all(), (short) 1);
            TopicCreator.ensure(admin, List.of(PASS_THROUGH_OUTPUT), (short) 1);
        }
        listener.started("Kafka", kafka.bootstrapServers());

        lakehouse = new LakehouseConfig(postgres.jdbcUrl(PostgresCluster.LAKEHOUSE_DB), PostgresCluster.USER,
                PostgresCluster.PASSWORD, workspace.warehouse().toUri().toString());
        try (Lakehouse catalog = Lakehouse.open(lakehouse)) {
            catalog.ensureTables();
        } catch (Exception e) {
            throw new StackException("cannot create the Iceberg tables: " + e.getMessage(), e);
        }
        listener.started("Iceberg", "warehouse " + workspace.warehouse());

        rawConfig = RawEventsJobConfig.defaults(kafka.bootstrapServers(), lakehouse)
                .withCheckpointInterval(checkpointInterval)
                .withParallelism(parallelism)
                .withCheckpointDir(workspace.checkpoints().resolve("raw-events"));
        rawEvents = RawEventsJob.startLocal(rawConfig);
        started.push(rawEvents);
        rawEvents.awaitRunning(JOB_START_TIMEOUT);
        listener.started("Flink", "raw-events job, parallelism " + parallelism + ", checkpoints every "
                + checkpointInterval.toMillis() / 1000.0 + " s");
    }

    /**
     * A second, empty Iceberg catalog (its own database and warehouse folder), so that another raw-events job can
     * write the same events to a raw.events of its own without a row of the first.
     */
    LakehouseConfig separateCatalog(String name) {
        try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new StackException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        LakehouseConfig config = new LakehouseConfig(postgres.jdbcUrl(name), PostgresCluster.USER,
                PostgresCluster.PASSWORD, workspace.root().resolve("warehouse-" + name).toUri().toString());
        try (Lakehouse catalog = Lakehouse.open(config)) {
            catalog.ensureTables();
        } catch (Exception e) {
            throw new StackException("cannot create the Iceberg tables of catalog " + name + ": " + e.getMessage(), e);
        }
        return config;
    }

    KafkaBroker kafka() {
        return kafka;
    }

    LakehouseConfig lakehouse() {
        return lakehouse;
    }

    RawEventsJobConfig rawConfig() {
        return rawConfig;
    }

    JobHandle rawEvents() {
        return rawEvents;
    }

    /** Stops the raw-events job early, so that a job measured next has the machine to itself. */
    void stopRawEvents() {
        if (rawEvents != null && started.remove(rawEvents)) {
            rawEvents.close();
        }
    }

    Workspace workspace() {
        return workspace;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("event=stop_failed component={} reason={}", component.getClass().getSimpleName(),
                        e.getMessage());
            }
        }
    }
}
