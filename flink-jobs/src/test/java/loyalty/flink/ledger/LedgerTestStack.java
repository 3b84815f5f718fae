package loyalty.flink.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import loyalty.contract.event.EventJson;
import loyalty.contract.topic.Topics;
import loyalty.flink.common.JobHandle;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.stack.Ports;
import loyalty.stack.kafka.KafkaBroker;
import loyalty.stack.kafka.TopicCreator;
import loyalty.stack.postgres.PostgresCluster;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.admin.Admin;

/**
 * The real components the ledger job's integration tests run on: a Kafka broker with every platform topic, and
 * PostgreSQL holding the Iceberg catalog; plus the polling wait those tests use.
 */
public final class LedgerTestStack implements AutoCloseable {
    public static final Duration DEADLINE = Duration.ofSeconds(180);

    final PostgresCluster postgres;
    public final KafkaBroker kafka;
    private final Path work;

    private LedgerTestStack(Path work, PostgresCluster postgres, KafkaBroker kafka) {
        this.work = work;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static LedgerTestStack start(Path work) {
        PostgresCluster postgres = PostgresCluster.start(work.resolve("pg"), Ports.free());
        try {
            return new LedgerTestStack(work, postgres, kafka(work.resolve("kafka")));
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** A broker of its own (a run whose output topics must not mix with another's), with every platform topic. */
    static KafkaBroker kafka(Path logDir) {
        KafkaBroker kafka = KafkaBroker.start(logDir, Ports.free());
        try (Admin admin = kafka.admin()) {
            TopicCreator.ensure(admin, Topics.all(), (short) 1);
        }
        return kafka;
    }

    public LakehouseConfig lakehouse() {
        return new LakehouseConfig(postgres.jdbcUrl(PostgresCluster.LAKEHOUSE_DB), PostgresCluster.USER,
                PostgresCluster.PASSWORD, work.resolve("warehouse").toUri().toString());
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }

    static JsonNode tree(byte[] json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Polls {@code condition} until it holds; fails after {@link #DEADLINE}. */
    static void await(String what, BooleanSupplier condition) {
        await(what, null, condition);
    }

    /**
     * Polls {@code condition} until it holds; fails after {@link #DEADLINE}, or at once when {@code job} (if given)
     * has ended, since then the condition can no longer come true.
     */
    public static void await(String what, JobHandle job, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (job != null) {
                JobStatus status = job.status();
                if (status.isGloballyTerminalState()) {
                    throw new AssertionError("no " + what + ": job " + job.name() + " ended as " + status);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + DEADLINE
                        + (job == null ? "" : " (job " + job.name() + " is " + job.status() + ")"));
            }
            try {
                Thread.sleep(500); // poll interval, not synchronisation: the condition decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
