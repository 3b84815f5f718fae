package loyalty.cdc.engine;

import io.debezium.config.Configuration;
import io.debezium.embedded.Connect;
import io.debezium.embedded.Transformations;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import loyalty.cdc.mapping.ChangeMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium's embedded engine running the shared connector JSON in this JVM: snapshot, then streaming, of the
 * operational tables; every change goes through the JSON's SMT chain (the canonical-event transform) and its output
 * is written to Kafka by an idempotent producer. Debezium's offsets are committed only after Kafka acknowledged every
 * record of the batch, so a crash redelivers changes rather than losing them (their event ids repeat, and the
 * raw-events job drops the copies).
 *
 * <p>The runner applies the SMT chain itself instead of leaving it to the engine: the engine drops a record that a
 * transform filters out before the consumer sees it, so its offset is never committed (a quiet database would pin
 * WAL behind filtered changes and heartbeats) and it cannot be counted. Kafka Connect, which commits filtered
 * records' offsets, runs the same chain from the same JSON.
 */
public final class CdcRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdcRunner.class);
    private static final String HEARTBEAT_SCHEMA = "io.debezium.connector.common.Heartbeat";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Transformations transforms;
    private final Producer<String, byte[]> producer;
    private final CdcStats stats = new CdcStats();
    private final CountDownLatch taskStarted = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final ExecutorService thread;
    private DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;

    private CdcRunner(String name, Transformations transforms, Producer<String, byte[]> producer) {
        this.name = name;
        this.transforms = transforms;
        this.producer = producer;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cdc-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the engine and returns once its connector task runs (the replication slot and publication exist, so any
     * later write is captured). Throws if the connector does not start within the configured timeout.
     */
    public static CdcRunner start(CdcConfig config) {
        ConnectorDefinition connector = config.connector().resolve(config.placeholders());
        Properties engineSettings = engineSettings(connector, config);
        Transformations transforms = new Transformations(Configuration.from(connector.transformSettings()));
        Producer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, "cdc-" + connector.name(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new ByteArraySerializer());
        CdcRunner runner = new CdcRunner(connector.name(), transforms, producer);
        try {
            runner.run(engineSettings);
            runner.awaitTaskStarted(config.startTimeout());
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
        return runner;
    }

    public CdcStats stats() {
        return stats;
    }

    /** Why the engine stopped on its own, if it did (a refused send, a lost database connection, ...). */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    public boolean isRunning() {
        return stopped.getCount() > 0;
    }

    /** Stops the engine (it commits the offsets of what was delivered), then the producer. Idempotent. */
    @Override
    public void close() {
        if (engine != null && isRunning()) {
            try {
                engine.close();
            } catch (IOException | IllegalStateException e) {
                LOG.warn("event=cdc_stop_problem name={} error={}", name, e.toString());
            }
            awaitQuietly(stopped, STOP_TIMEOUT);
        }
        thread.shutdownNow();
        producer.close(Duration.ofSeconds(10));
        try {
            transforms.close();
        } catch (IOException e) {
            LOG.warn("event=cdc_transform_close_problem name={} error={}", name, e.toString());
        }
        LOG.info("event=cdc_stopped name={} {}", name, stats);
    }

    private void run(Properties settings) {
        engine = DebeziumEngine.create(Connect.class)
                .using(settings)
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        taskStarted.countDown();
                    }
                })
                .using((success, message, error) -> {
                    if (!success) {
                        failure.compareAndSet(null, error != null ? error : new IllegalStateException(message));
                        // The engine has logged the stack trace; start() and failure() hand the cause on.
                        LOG.error("event=cdc_failed name={} message={}", name, message);
                    }
                    stopped.countDown();
                })
                .notifying(this::handleBatch)
                .build();
        thread.submit(engine);
    }

    private void awaitTaskStarted(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (taskStarted.getCount() > 0) {
            if (!isRunning()) {
                Throwable cause = failure.get();
                throw new IllegalStateException("CDC connector " + name + " failed to start: "
                        + (cause == null ? "stopped" : cause.getMessage()), cause);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("CDC connector " + name + " did not start within " + timeout);
            }
            awaitQuietly(taskStarted, Duration.ofMillis(100));
        }
        LOG.info("event=cdc_started name={}", name);
    }

    /** One batch: transform, send, wait for every acknowledgement, and only then let Debezium commit the offsets. */
    private void handleBatch(List<ChangeEvent<SourceRecord, SourceRecord>> batch,
                             DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer)
            throws InterruptedException {
        AtomicReference<Exception> refused = new AtomicReference<>();
        List<ProducerRecord<String, byte[]>> sent = new ArrayList<>();
        int filtered = 0;
        int heartbeats = 0;
        for (ChangeEvent<SourceRecord, SourceRecord> change : batch) {
            SourceRecord record = change.value();
            if (isHeartbeat(record)) {
                heartbeats++;
                continue;
            }
            SourceRecord output = transforms.transform(record);
            if (output == null) {
                filtered++;
                continue;
            }
            ProducerRecord<String, byte[]> out = KafkaRecords.toProducerRecord(output);
            producer.send(out, (RecordMetadata metadata, Exception e) -> {
                if (e != null) {
                    refused.compareAndSet(null, e);
                }
            });
            sent.add(out);
        }
        producer.flush();
        if (refused.get() != null) {
            // Not committing: the batch is delivered again after a restart.
            throw new IllegalStateException("Kafka refused a CDC record: " + refused.get().getMessage(), refused.get());
        }
        for (ChangeEvent<SourceRecord, SourceRecord> change : batch) {
            committer.markProcessed(change);
        }
        committer.markBatchFinished();
        count(sent, filtered, heartbeats);
    }

    /** Debezium's own heartbeat records and the writes of its heartbeat.action.query. */
    private static boolean isHeartbeat(SourceRecord record) {
        return record.valueSchema() != null && HEARTBEAT_SCHEMA.equals(record.valueSchema().name())
                || record.topic() != null && record.topic().endsWith("." + ChangeMapper.HEARTBEAT_TABLE);
    }

    private void count(List<ProducerRecord<String, byte[]>> sent, int filtered, int heartbeats) {
        for (ProducerRecord<String, byte[]> r : sent) {
            if (KafkaRecords.isDeadLetter(r)) {
                stats.deadLetter(KafkaRecords.deadLetterReason(r));
            } else {
                stats.event(KafkaRecords.eventType(r));
            }
        }
        for (int i = 0; i < filtered; i++) {
            stats.filtered();
        }
        for (int i = 0; i < heartbeats; i++) {
            stats.heartbeat();
        }
    }

    /** The connector's settings plus what only an embedded engine needs: its name and a file offset store. */
    private static Properties engineSettings(ConnectorDefinition connector, CdcConfig config) {
        try {
            Files.createDirectories(config.offsetsFile().toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the folder of the CDC offsets file "
                    + config.offsetsFile() + ": " + e.getMessage(), e);
        }
        Properties props = new Properties();
        props.putAll(connector.connectorSettings());
        props.setProperty("name", connector.name());
        props.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        props.setProperty("offset.storage.file.filename", config.offsetsFile().toAbsolutePath().toString());
        // Commit after every acknowledged batch: the file store is cheap and a restart then redelivers little.
        props.setProperty("offset.flush.interval.ms", "0");
        props.setProperty("record.processing.threads", "1");
        props.putAll(config.overrides());
        return props;
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
