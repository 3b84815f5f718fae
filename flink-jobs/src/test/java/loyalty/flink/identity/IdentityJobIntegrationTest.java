package loyalty.flink.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.publish.EventPublisher;
import loyalty.contract.topic.Topics;
import loyalty.contract.validation.Validation;
import loyalty.flink.common.JobHandle;
import loyalty.flink.raw.FailOnce;
import loyalty.generator.GeneratedProgram;
import loyalty.generator.Generator;
import loyalty.generator.GeneratorConfig;
import loyalty.generator.feed.FeedLine;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.rules.DefaultRuleSet;
import loyalty.identity.normalize.Blocklist;
import loyalty.identity.normalize.BlocklistConfig;
import loyalty.identity.quality.IdentityQuality;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.Members;
import loyalty.stack.Ports;
import loyalty.stack.kafka.KafkaBroker;
import loyalty.stack.kafka.TopicCreator;
import loyalty.stack.kafka.TopicReader;
import loyalty.stack.postgres.PostgresCluster;
import org.apache.flink.api.common.JobStatus;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity job against real components (Kafka, PostgreSQL with the Iceberg catalog, a MiniCluster of
 * parallelism 2) on a generated program's feeds. The same input goes to two brokers and two catalogs: one job runs
 * uninterrupted, the other is failed mid-stream and restarts from its checkpoint. Both must end with the same
 * members, merges and resolved stream, and the clusters must match the generator's ground truth.
 */
class IdentityJobIntegrationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(180);

    @TempDir
    static Path work;
    static PostgresCluster postgres;
    static KafkaBroker kafkaA;
    static KafkaBroker kafkaB;
    static GeneratedProgram program;

    @BeforeAll
    static void startStack() throws Exception {
        postgres = PostgresCluster.start(work.resolve("pg"), Ports.free());
        try (Connection c = postgres.connect(PostgresCluster.LAKEHOUSE_DB); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE lakehouse_b");
        }
        kafkaA = KafkaBroker.start(work.resolve("kafka-a"), Ports.free());
        kafkaB = KafkaBroker.start(work.resolve("kafka-b"), Ports.free());
        program = Generator.generate(GeneratorConfig.defaults(11).withCustomers(150)
                .withPeriod(LocalDate.of(2026, 1, 1), 90));
        for (KafkaBroker kafka : List.of(kafkaA, kafkaB)) {
            try (Admin admin = kafka.admin()) {
                TopicCreator.ensure(admin, Topics.all(), (short) 1);
            }
        }
    }

    @AfterAll
    static void stopStack() {
        for (AutoCloseable c : new AutoCloseable[] {kafkaA, kafkaB, postgres}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void aFailedAndRestoredRunResolvesExactlyLikeAnUninterruptedOneAndMatchesTheGroundTruth() throws Exception {
        Set<String> accepted = publish(kafkaA);
        assertThat(publish(kafkaB)).isEqualTo(accepted);
        List<String> ids = new ArrayList<>(accepted);
        String trigger = ids.get(ids.size() / 2);

        Run a = run(kafkaA, lakehouse(PostgresCluster.LAKEHOUSE_DB, "warehouse-a"), accepted.size(), null);
        Path marker = work.resolve("failed-once");
        Run b = run(kafkaB, lakehouse("lakehouse_b", "warehouse-b"), accepted.size(), new FailOnce(trigger, marker));

        assertThat(FailOnce.hasFailed(marker)).as("the job failed once mid-stream").isTrue();
        assertThat(b.log.memberByEvent()).isEqualTo(a.log.memberByEvent());
        assertThat(b.log.resolutionByEvent()).isEqualTo(a.log.resolutionByEvent());
        assertThat(b.log.survivorByLoser()).isEqualTo(a.log.survivorByLoser());
        assertThat(b.members).isEqualTo(a.members);
        assertThat(a.log.byResolution()).containsKeys("created", "matched");
        assertThat(a.log.merges()).as("the planted duplicate accounts merge").isPositive();
        assertThat(a.members.values()).filteredOn(m -> m.startsWith("MERGED")).hasSize((int) a.log.merges());

        List<ResolutionQuality.PersonEvent> truth = new ArrayList<>();
        for (FeedSource source : FeedSource.values()) {
            for (FeedLine line : program.feed(source)) {
                if (line.kind() == FeedLine.Kind.VALID) {
                    Event e = EventJson.mapper().readValue(line.text(), Event.class);
                    truth.add(new ResolutionQuality.PersonEvent(e.eventId(), line.personId(), e.identifiers(),
                            e.payload().path("country").asText(null)));
                }
            }
        }
        BlocklistConfig blocklist = EventJson.mapper().treeToValue(
                DefaultRuleSet.first("acme", Instant.EPOCH).get("blocklist"),
                BlocklistConfig.class);
        IdentityQuality quality = ResolutionQuality.measure(truth, a.log, Blocklist.of(blocklist), "US");
        assertThat(quality.precision()).as(quality.describe()).isGreaterThanOrEqualTo(0.999);
        assertThat(quality.linkableRecall()).as(quality.describe()).isGreaterThanOrEqualTo(0.95);
    }

    private record Run(ResolvedLog log, Map<String, String> members) {
    }

    private Run run(KafkaBroker kafka, LakehouseConfig lakehouse, int events, FailOnce failure) {
        IdentityJobConfig config = IdentityJobConfig.defaults(kafka.bootstrapServers(), lakehouse)
                .withCheckpointInterval(Duration.ofMillis(500))
                .withOutOfOrderness(IdentityJobConfig.BACKFILL_OUT_OF_ORDERNESS)
                .withQuietFlush(Duration.ofSeconds(3))
                .withParallelism(2);
        try (JobHandle job = IdentityJob.startLocal(config, failure)) {
            await("every event resolved or dead-lettered", () -> resolvedEvents(kafka) + deadLettered(kafka)
                    >= events);
            assertThat(resolvedEvents(kafka) + deadLettered(kafka)).isEqualTo(events);
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            ResolvedLog log = new ResolvedLog();
            TopicReader.forEachToEnd(kafka.bootstrapServers(), List.of(Topics.RESOLVED.name()), DEADLINE,
                    r -> log.add(r.value()));
            await("every profile in identity.members", () -> members(lakehouse).size() >= log.count("created"));
            return new Run(log, members(lakehouse));
        }
    }

    private static long resolvedEvents(KafkaBroker kafka) {
        long[] n = {0};
        TopicReader.forEachToEnd(kafka.bootstrapServers(), List.of(Topics.RESOLVED.name()), DEADLINE,
                r -> n[0] += new String(r.value(), StandardCharsets.UTF_8).startsWith("{\"kind\":\"event\"") ? 1 : 0);
        return n[0];
    }

    /** Distinct events dead-lettered by resolution: a redelivered copy is dead-lettered again (SPEC §13.17). */
    private static long deadLettered(KafkaBroker kafka) {
        return TopicReader.readToEnd(kafka.bootstrapServers(), List.of(Topics.DEAD_LETTER.name()), DEADLINE).stream()
                .filter(r -> "no_usable_identifier".equals(DeadLetter.reasonOf(r.headers())))
                .map(r -> {
                    try {
                        return EventJson.mapper().readTree(r.value()).path("event_id").asText();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .distinct().count();
    }

    /** member id → status, merged_into and identifiers, as identity.members holds them now. */
    private static Map<String, String> members(LakehouseConfig lakehouse) {
        Map<String, String> out = new TreeMap<>();
        try (Lakehouse catalog = Lakehouse.open(lakehouse)) {
            Table table = catalog.load(Members.DEFINITION);
            try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
                for (Record r : rows) {
                    out.put((String) r.getField("member_id"), r.getField("status") + " " + r.getField("merged_into")
                            + " " + r.getField("emails") + r.getField("phones") + r.getField("cards")
                            + r.getField("crm_id") + r.getField("devices"));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static LakehouseConfig lakehouse(String database, String warehouse) {
        return new LakehouseConfig(postgres.jdbcUrl(database), PostgresCluster.USER, PostgresCluster.PASSWORD,
                work.resolve(warehouse).toUri().toString());
    }

    /** Publishes every feed line as the ingest does; returns the distinct event ids accepted. */
    private static Set<String> publish(KafkaBroker kafka) throws Exception {
        Set<String> accepted = new LinkedHashSet<>();
        try (EventPublisher publisher = EventPublisher.connect(kafka.bootstrapServers(), "identity-test")) {
            // The program's rule set, as CDC of loyalty_rule_sets would publish it: its blocklist names the store
            // email that hundreds of customers share at the till.
            Instant start = Instant.parse("2025-12-31T00:00:00Z");
            Event rules = Event.of("rules-acme-1", EventType.RULES_PUBLISHED, "acme", start, "cdc",
                    Identifiers.NONE, Map.of("rule_set", DefaultRuleSet.first("acme", start),
                            "effective_from", start.toString()));
            assertThat(publisher.publish(rules, "test", "0")).isInstanceOf(Validation.Accepted.class);
            accepted.add(rules.eventId());
            for (FeedSource source : FeedSource.values()) {
                for (FeedLine line : program.feed(source)) {
                    Validation v = publisher.publish(line.text().getBytes(StandardCharsets.UTF_8), source.name(),
                            String.valueOf(line.lineNumber()));
                    if (v instanceof Validation.Accepted) {
                        accepted.add(line.eventId());
                    }
                }
            }
            publisher.flush();
        }
        return accepted;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + DEADLINE);
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
