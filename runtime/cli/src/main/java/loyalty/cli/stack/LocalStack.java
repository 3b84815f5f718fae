package loyalty.cli.stack;

import java.io.IOException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import loyalty.cli.StackOptions;
import loyalty.cli.api.BalanceApi;
import loyalty.cdc.engine.CdcConfig;
import loyalty.cdc.engine.CdcRunner;
import loyalty.cli.Workspace;
import loyalty.contract.operational.OperationalSchema;
import loyalty.contract.publish.EventPublisher;
import loyalty.contract.topic.Topics;
import loyalty.feeds.http.FeedHttpServer;
import loyalty.flink.common.EventClock;
import loyalty.flink.common.JobHandle;
import loyalty.flink.identity.IdentityJob;
import loyalty.flink.identity.IdentityJobConfig;
import loyalty.flink.ledger.LedgerJob;
import loyalty.flink.ledger.LedgerJobConfig;
import loyalty.flink.raw.RawEventsJob;
import loyalty.flink.raw.RawEventsJobConfig;
import loyalty.flink.serving.ServingDb;
import loyalty.flink.serving.ServingSchema;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.audit.AuditViews;
import loyalty.lakehouse.kpi.KpiViews;
import loyalty.stack.StackException;
import loyalty.stack.kafka.KafkaBroker;
import loyalty.stack.kafka.TopicCreator;
import loyalty.stack.postgres.PostgresCluster;
import loyalty.stack.trino.TrinoCatalogEnv;
import loyalty.stack.trino.TrinoServer;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default stack in one process: private PostgreSQL (operational tables + Iceberg catalog), KRaft Kafka
 * with the registry's topics, the Iceberg tables, and the feed HTTP endpoint. Components stop in reverse order.
 */
public final class LocalStack implements AutoCloseable {
    /** The user the stack's own statements run as in Trino: one of the admins of lakehouse/trino/etc/groups.txt. */
    static final String TRINO_USER = "loyalty-launcher";
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final Workspace workspace;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private PostgresCluster postgres;
    private KafkaBroker kafka;
    private LakehouseConfig lakehouse;
    private RawEventsJobConfig rawConfig;
    private JobHandle rawEvents;
    private JobHandle identity;
    private JobHandle ledger;
    private CdcRunner cdc;
    private TrinoServer trino;
    private EventPublisher httpPublisher;
    private FeedHttpServer feedHttp;
    private BalanceApi api;

    private LocalStack(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Starts every component in the options' work folder; on failure, stops what already started and rethrows. */
    public static LocalStack start(StackOptions options, StartListener listener) {
        return start(options, options.workspace(), StackProfile.full(options), listener);
    }

    public static LocalStack start(StackOptions options, Workspace workspace, StackProfile profile,
                                   StartListener listener) {
        LocalStack stack = new LocalStack(workspace);
        try {
            stack.startAll(options, profile, listener);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Told as each component comes up, for progress output. */
    public interface StartListener {
        void started(String component, String detail);
    }

    private void startAll(StackOptions options, StackProfile profile, StartListener listener) {
        postgres = PostgresCluster.start(workspace.postgres(), options.pgPort);
        started.push(postgres);
        try (Connection c = postgres.connect(PostgresCluster.SHOP_DB)) {
            OperationalSchema.apply(c);
            ServingSchema.apply(c);
        } catch (SQLException e) {
            throw new StackException("cannot create the operational and serving tables: " + e.getMessage(), e);
        }
        listener.started("PostgreSQL", postgres.jdbcUrl(PostgresCluster.SHOP_DB));

        kafka = KafkaBroker.start(workspace.kafka(), options.kafkaPort);
        started.push(kafka);
        try (Admin admin = kafka.admin()) {
            TopicCreator.ensure(admin, Topics.all(), (short) 1);
            TopicCreator.ensure(admin, profile.extraTopics(), (short) 1);
        }
        listener.started("Kafka", kafka.bootstrapServers() + " ("
                + (Topics.all().size() + profile.extraTopics().size()) + " topics)");

        lakehouse = new LakehouseConfig(postgres.jdbcUrl(PostgresCluster.LAKEHOUSE_DB), PostgresCluster.USER,
                PostgresCluster.PASSWORD, workspace.warehouse().toUri().toString());
        try (Lakehouse catalog = Lakehouse.open(lakehouse)) {
            catalog.ensureTables();
        } catch (Exception e) {
            throw new StackException("cannot create the Iceberg tables: " + e.getMessage(), e);
        }
        listener.started("Iceberg", "JDBC catalog in PostgreSQL, warehouse " + workspace.warehouse());

        rawConfig = RawEventsJobConfig.defaults(kafka.bootstrapServers(), lakehouse)
                .withCheckpointInterval(profile.checkpointInterval())
                .withParallelism(profile.parallelism())
                .withCheckpointDir(workspace.checkpoints().resolve("raw-events"));
        rawEvents = RawEventsJob.startLocal(rawConfig);
        started.push(rawEvents);
        rawEvents.awaitRunning(Duration.ofMinutes(2));
        listener.started("Flink", "raw-events job " + rawEvents.jobId() + " (MiniCluster, parallelism "
                + profile.parallelism() + ", checkpoints every " + profile.checkpointInterval().toMillis() / 1000.0
                + " s)");
        if (profile.identity()) {
            startIdentity(profile, listener);
            startLedger(profile, listener);
            startApi(options, listener);
        }
        if (profile.cdc()) {
            startCdc(listener);
        }
        if (profile.feedHttp()) {
            startFeedHttp(options, listener);
        }
        if (profile.trino()) {
            startTrino(options, listener);
            scheduleMaintenance(profile, listener);
        } else if (options.noTrino) {
            listener.started("Trino", "skipped (--no-trino)");
        }
    }

    /** A quiet load of history is resolved after this long without input (see ResolveIdentities). */
    static final Duration IDENTITY_QUIET_FLUSH = Duration.ofSeconds(10);

    private void startIdentity(StackProfile profile, StartListener listener) {
        IdentityJobConfig config = IdentityJobConfig.defaults(kafka.bootstrapServers(), lakehouse)
                .withCheckpointInterval(profile.checkpointInterval())
                .withParallelism(profile.parallelism())
                .withOutOfOrderness(profile.identityOutOfOrderness())
                .withQuietFlush(IDENTITY_QUIET_FLUSH)
                .withClock(profile.live() ? EventClock.liveEvents() : EventClock.everyEvent())
                .withCheckpointDir(workspace.checkpoints().resolve("identity"))
                .withServing(servingDb());
        identity = IdentityJob.startLocal(config);
        started.push(identity);
        identity.awaitRunning(Duration.ofMinutes(2));
        listener.started("Flink", "identity job " + identity.jobId() + " (out-of-orderness "
                + describe(profile.identityOutOfOrderness()) + ", quiet flush " + IDENTITY_QUIET_FLUSH.toSeconds()
                + " s" + (config.clock().liveWindow() == null ? ")"
                : "; events older than " + config.clock().liveWindow().toMinutes() + " min"
                + " on arrival are history: ordered whole, resolved when the input goes quiet)"));
    }

    private void startLedger(StackProfile profile, StartListener listener) {
        LedgerJobConfig config = LedgerJobConfig.defaults(kafka.bootstrapServers(), lakehouse)
                .withCheckpointInterval(profile.checkpointInterval())
                .withParallelism(profile.parallelism())
                .withCheckpointDir(workspace.checkpoints().resolve("ledger"))
                .withServing(servingDb())
                .withLiveClock(profile.ledgerLiveClockLag());
        ledger = LedgerJob.startLocal(config);
        started.push(ledger);
        ledger.awaitRunning(Duration.ofMinutes(2));
        listener.started("Flink", "ledger job " + ledger.jobId() + " (keyed by program, event-time timers"
                + (config.liveClockLag() == null ? ")"
                : "; on a quiet stack the wall clock less " + describe(config.liveClockLag()) + " moves them)"));
    }

    /** The serving tables live in the shop database, where operational systems already connect. */
    private ServingDb servingDb() {
        return new ServingDb(postgres.jdbcUrl(PostgresCluster.SHOP_DB), PostgresCluster.USER, PostgresCluster.PASSWORD);
    }

    private void startApi(StackOptions options, StartListener listener) {
        try {
            api = BalanceApi.start("127.0.0.1", options.apiPort, servingDb());
        } catch (IOException e) {
            throw new StackException("the balance API cannot listen on port " + options.apiPort + ": "
                    + e.getMessage() + "; pick another port with --api-port.", e);
        }
        started.push(api);
        listener.started("Balance API", "GET " + api.url() + "/programs/{program}/members/{id} (serving tables,"
                + " updated on each checkpoint)");
    }

    private static String describe(Duration d) {
        return d.toDays() >= 1 ? d.toDays() + " d (backfill)" : d.toSeconds() + " s";
    }

    private void startCdc(StartListener listener) {
        cdc = CdcRunner.start(CdcConfig.of("127.0.0.1", postgres.port(), PostgresCluster.USER,
                PostgresCluster.PASSWORD, PostgresCluster.SHOP_DB, kafka.bootstrapServers(), workspace.cdcOffsets()));
        started.push(cdc);
        listener.started("Debezium", "CDC of " + String.join(", ", OperationalSchema.CAPTURED_TABLES)
                + " (slot and publication loyalty_cdc)");
    }

    private void startFeedHttp(StackOptions options, StartListener listener) {
        httpPublisher = EventPublisher.connect(kafka.bootstrapServers(), "feed-http");
        started.push(httpPublisher);
        try {
            feedHttp = FeedHttpServer.start("127.0.0.1", options.httpPort, httpPublisher);
        } catch (IOException e) {
            throw new StackException("the feed HTTP endpoint cannot listen on port " + options.httpPort
                    + ": " + e.getMessage() + "; pick another port with --http-port.", e);
        }
        started.push(feedHttp);
        listener.started("Feed HTTP", "POST " + feedHttp.url());
    }

    private void startTrino(StackOptions options, StartListener listener) {
        if (TrinoServer.findJava().isEmpty()) {
            listener.started("Trino", "skipped: " + TrinoServer.missingJavaMessage());
            return;
        }
        trino = TrinoServer.start(workspace.trino(), options.trinoPort, TrinoCatalogEnv.localWarehouse(
                lakehouse.jdbcUrl(), lakehouse.user(), lakehouse.password(), workspace.warehouse()));
        started.push(trino);
        listener.started("Trino", trino.jdbcUrl() + " (started in " + trino.startTime().toSeconds() + " s)");
        installKpiViews(listener);
    }

    /** On a long-running stack only: the demo and benchmarks end long before a day has passed. */
    private void scheduleMaintenance(StackProfile profile, StartListener listener) {
        if (trino == null || !profile.maintenance()) {
            return;
        }
        started.push(MaintenanceSchedule.start(trino.jdbcUrl(), TRINO_USER));
        listener.started("Maintenance", "compaction, manifests, snapshot expiry, orphan files: daily, first in "
                + MaintenanceSchedule.FIRST_RUN.toMinutes() + " min (./loyalty maintain runs it now); KPI snapshots:"
                + " hourly, first in " + MaintenanceSchedule.KPI_FIRST_RUN.toMinutes() + " min (./loyalty kpi refresh)");
    }

    /** The KPI views over the tables just ensured. Not fatal: without them every table still serves SQL. */
    private void installKpiViews(StartListener listener) {
        try {
            KpiViews.Installed installed = KpiViews.install(trino.jdbcUrl(), TRINO_USER);
            listener.started("KPI views", installed.views().size() + " views in " + KpiViews.SCHEMA
                    + (installed.skipped().isEmpty() ? "" : "; waiting for tables: " + installed.skipped()));
        } catch (SQLException e) {
            listener.started("KPI views", "not installed: " + e.getMessage());
        }
        try {
            KpiViews.Installed installed = AuditViews.install(trino.jdbcUrl(), TRINO_USER);
            listener.started("Audit views", installed.views().size() + " views in " + AuditViews.SCHEMA
                    + (installed.skipped().isEmpty() ? "" : "; waiting for tables: " + installed.skipped()));
        } catch (SQLException e) {
            listener.started("Audit views", "not installed: " + e.getMessage());
        }
    }

    public Optional<TrinoServer> trino() {
        return Optional.ofNullable(trino);
    }

    /** The balance API, or null when the profile runs no ledger. */
    public BalanceApi api() {
        return api;
    }

    public FeedHttpServer feedHttp() {
        return feedHttp;
    }

    public JobHandle rawEvents() {
        return rawEvents;
    }

    /** The ledger job, or null when the profile runs none. */
    public JobHandle ledger() {
        return ledger;
    }

    /** The identity job, or null when the profile runs none. */
    public JobHandle identity() {
        return identity;
    }

    public RawEventsJobConfig rawConfig() {
        return rawConfig;
    }

    /** Starts the raw-events job again after {@link #stopRawEvents()}; it resumes from its last checkpoint. */
    public void startRawEvents() {
        if (rawEvents != null && started.contains(rawEvents)) {
            return;
        }
        rawEvents = RawEventsJob.startLocal(rawConfig);
        started.push(rawEvents);
        rawEvents.awaitRunning(Duration.ofMinutes(2));
    }

    /** Stops the raw-events job before the rest, e.g. so that a job measured next has the machine to itself. */
    public void stopRawEvents() {
        if (rawEvents != null && started.remove(rawEvents)) {
            rawEvents.close();
        }
    }

    public StackState state() {
        return new StackState(ProcessHandle.current().pid(), Instant.now(), postgres.port(),
                postgres.jdbcUrl(PostgresCluster.SHOP_DB), postgres.jdbcUrl(PostgresCluster.LAKEHOUSE_DB),
                kafka.bootstrapServers(), feedHttp == null ? null : feedHttp.url(),
                trino == null ? null : trino.jdbcUrl(),
                lakehouse.warehouse(), api == null ? null : api.url(), workspace.checkpoints().toString());
    }

    public PostgresCluster postgres() {
        return postgres;
    }

    public CdcRunner cdc() {
        return cdc;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public LakehouseConfig lakehouse() {
        return lakehouse;
    }

    public Workspace workspace() {
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
