package loyalty.cdc.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.operational.OperationalSchema;
import loyalty.contract.topic.Topics;
import loyalty.stack.Ports;
import loyalty.stack.kafka.KafkaBroker;
import loyalty.stack.kafka.TopicCreator;
import loyalty.stack.postgres.PostgresCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot, streaming, and a restart on the same offsets, against a private PostgreSQL and an in-process Kafka:
 * exactly the expected canonical events arrive, none is lost across the restart, and a copy delivered twice is the
 * same event with the same event_id.
 */
class CdcRunnerIntegrationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final List<String> CANONICAL_TOPICS =
            List.of(Topics.MEMBERS.name(), Topics.ORDERS.name(), Topics.RULES.name());

    @TempDir
    static Path work;
    static PostgresCluster pg;
    static KafkaBroker kafka;

    @BeforeAll
    static void startStack() throws SQLException {
        pg = PostgresCluster.start(work.resolve("pg"), Ports.free());
        kafka = KafkaBroker.start(work.resolve("kafka"), Ports.free());
        try (Admin admin = kafka.admin()) {
            TopicCreator.ensure(admin, Topics.all(), (short) 1);
        }
        try (Connection c = pg.connect(PostgresCluster.SHOP_DB)) {
            OperationalSchema.apply(c);
        }
    }

    @AfterAll
    static void stopStack() {
        if (kafka != null) {
            kafka.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void snapshotThenStreamingThenRestartDeliversEveryEventOnceByEventId() throws Exception {
        // Rows that exist before capture starts: they come from the snapshot.
        sql("INSERT INTO customers (crm_id, program, email, first_name, country, consent_email, loyalty_enrolled,"
                        + " enrolled_at, updated_at) VALUES ('42', 'acme', 'bob@x.com', 'Bob', 'us', true, true,"
                        + " '2026-01-02T10:00:00Z', '2026-01-02T10:00:00Z')",
                "INSERT INTO customers (crm_id, program, email, loyalty_enrolled, updated_at)"
                        + " VALUES ('43', 'acme', 'ann@x.com', false, '2026-01-03T08:00:00Z')",
                "INSERT INTO orders (order_id, program, customer_crm_id, device_id, net_amount, currency, channel,"
                        + " categories, status, completed_at) VALUES ('O1', 'acme', '42', 'd-9', 120.50, 'USD',"
                        + " 'store', '{shoes}', 'COMPLETED', '2026-01-05T12:00:00Z')",
                "INSERT INTO orders (order_id, program, customer_email, net_amount, currency, channel, status)"
                        + " VALUES ('O2', 'acme', 'ann@x.com', 80.00, 'USD', 'web', 'PLACED')",
                "INSERT INTO loyalty_rule_sets (program, version, effective_from, body, published_at) VALUES"
                        + " ('acme', 'v1', '2026-01-01T00:00:00Z', '{\"version\": \"v1\", \"base_rate\": 1}',"
                        + " '2025-12-31T00:00:00Z')");
        CdcConfig config = CdcConfig.of("127.0.0.1", pg.port(), PostgresCluster.USER, PostgresCluster.PASSWORD,
                        PostgresCluster.SHOP_DB, kafka.bootstrapServers(), work.resolve("cdc/offsets.dat"))
                .withOverrides(Map.of("heartbeat.interval.ms", "500"));

        long started = System.nanoTime();
        try (CdcRunner runner = CdcRunner.start(config)) {
            System.out.printf("cdc start took %d ms%n", (System.nanoTime() - started) / 1_000_000);
            // Changes while the runner streams.
            sql("UPDATE customers SET loyalty_enrolled = true, enrolled_at = '2026-01-06T09:00:00Z',"
                            + " updated_at = '2026-01-06T09:00:00Z' WHERE crm_id = '43'",
                    "UPDATE customers SET email = 'bob@y.com', updated_at = '2026-01-07T09:00:00Z' WHERE crm_id = '42'",
                    "UPDATE customers SET updated_at = '2026-01-07T10:00:00Z' WHERE crm_id = '42'",
                    "UPDATE orders SET status = 'PAID' WHERE order_id = 'O2'",
                    "UPDATE orders SET status = 'COMPLETED', completed_at = '2026-01-07T11:00:00Z'"
                            + " WHERE order_id = 'O2'",
                    "UPDATE orders SET net_amount = 100.00 WHERE order_id = 'O1'",
                    "INSERT INTO returns (return_id, program, order_id, customer_crm_id, refund_amount, returned_at)"
                            + " VALUES ('R1', 'acme', 'O1', '42', 20.25, '2026-01-08T15:30:00Z')",
                    "DELETE FROM customers WHERE crm_id = '43'",
                    "INSERT INTO customers (crm_id, program, first_name) VALUES ('', 'acme', 'Nobody')",
                    "INSERT INTO loyalty_rule_sets (program, version, effective_from, body, published_at) VALUES"
                            + " ('acme', 'v2', '2026-02-01T00:00:00Z', '{\"version\": \"v2\", \"base_rate\": 2}',"
                            + " '2026-01-20T00:00:00Z')",
                    "UPDATE loyalty_rule_sets SET body = '{\"version\": \"v2\", \"base_rate\": 3}'"
                            + " WHERE version = 'v2'");
            CdcStats stats = runner.stats();
            await("snapshot and streamed changes delivered",
                    () -> stats.events() >= 10 && stats.deadLetters() >= 1 && stats.filteredChanges() >= 5);
            assertThat(stats.eventsByType()).containsExactlyInAnyOrderEntriesOf(Map.of("member.enrolled", 2L,
                    "profile.updated", 2L, "order.completed", 2L, "order.returned", 1L, "rules.published", 3L));
            assertThat(stats.deadLettersByReason()).containsExactlyEntriesOf(Map.of("no_identifier", 1L));
            // Filtered: O2 placed (snapshot), 42 touched, O2 paid, O1 edited after completion, 43 deleted.
            assertThat(stats.filteredChanges()).isEqualTo(5);

            // Heartbeats keep the slot moving past everything, filtered changes included: no WAL is pinned.
            String walNow = query("SELECT pg_current_wal_lsn()::text");
            await("replication slot confirmed past " + walNow, () -> queryBoolean(
                    "SELECT confirmed_flush_lsn >= '" + walNow + "'::pg_lsn FROM pg_replication_slots"
                            + " WHERE slot_name = 'loyalty_cdc'"));
            assertThat(stats.heartbeats()).isPositive();
            assertThat(query("SELECT count(*)::text FROM debezium_heartbeat")).isEqualTo("1");
            assertThat(runner.failure()).isEmpty();
        }

        // Changes while nothing captures: the slot keeps them.
        sql("INSERT INTO orders (order_id, program, customer_email, net_amount, currency, channel, status,"
                        + " completed_at) VALUES ('O3', 'acme', 'ann@x.com', 45.00, 'EUR', 'app', 'COMPLETED',"
                        + " '2026-01-09T10:00:00Z')",
                "UPDATE customers SET phone = '+14155550100', updated_at = '2026-01-09T11:00:00Z'"
                        + " WHERE crm_id = '42'",
                "INSERT INTO returns (return_id, program, card_number, refund_amount, returned_at)"
                        + " VALUES ('R2', 'acme', 'C-9', 5.00, '2026-01-09T12:00:00Z')");

        try (CdcRunner restarted = CdcRunner.start(config)) {
            await("changes made while stopped delivered", () -> restarted.stats().events() >= 3);
            assertThat(restarted.failure()).isEmpty();
        }

        List<ConsumerRecord<String, byte[]>> records = readAll(CANONICAL_TOPICS, 13);
        Map<String, byte[]> byId = new HashMap<>();
        List<String> delivered = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            Event event = EventJson.readEvent(r.value());
            assertThat(r.key()).isEqualTo(event.eventId());
            assertThat(r.topic()).isEqualTo(Topics.forType(event.eventType()).name());
            byte[] first = byId.putIfAbsent(event.eventId(), r.value());
            if (first == null) {
                delivered.add(event.type() + " " + event.eventId().replaceAll(":\\d+$", ":<lsn>"));
            } else {
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).as("redelivered " + event.eventId())
                        .isEqualTo(new String(first, StandardCharsets.UTF_8));
            }
        }
        assertThat(delivered).containsExactlyInAnyOrder(
                "member.enrolled cdc:customers:42:enrolled",
                "profile.updated cdc:customers:43:<lsn>",
                "order.completed cdc:orders:O1:completed",
                "rules.published cdc:loyalty_rule_sets:acme:v1",
                "member.enrolled cdc:customers:43:enrolled",
                "profile.updated cdc:customers:42:<lsn>",
                "order.completed cdc:orders:O2:completed",
                "order.returned cdc:returns:R1",
                "rules.published cdc:loyalty_rule_sets:acme:v2",
                "rules.published cdc:loyalty_rule_sets:acme:v2:<lsn>",
                "order.completed cdc:orders:O3:completed",
                "profile.updated cdc:customers:42:<lsn>",
                "order.returned cdc:returns:R2");

        Event o1 = event(byId, "cdc:orders:O1:completed");
        assertThat(o1.payload().get("net_amount").asText()).isEqualTo("120.50");
        assertThat(o1.occurredAt()).hasToString("2026-01-05T12:00:00Z");
        assertThat(o1.identifiers().crmId()).isEqualTo("42");
        assertThat(o1.identifiers().deviceId()).isEqualTo("d-9");
        assertThat(event(byId, "cdc:orders:O3:completed").payload().get("net_amount").asText()).isEqualTo("45.00");
        assertThat(event(byId, "cdc:returns:R1").payload().get("refund_amount").asText()).isEqualTo("20.25");
        assertThat(event(byId, "cdc:returns:R2").payload().has("order_id")).isFalse();
        Event enrolled = event(byId, "cdc:customers:42:enrolled");
        assertThat(enrolled.occurredAt()).hasToString("2026-01-02T10:00:00Z");
        assertThat(enrolled.payload().get("country").asText()).isEqualTo("US");
        assertThat(event(byId, "cdc:customers:43:enrolled").occurredAt()).hasToString("2026-01-06T09:00:00Z");
        assertThat(event(byId, "cdc:loyalty_rule_sets:acme:v1").payload().get("rule_set").get("base_rate").asInt())
                .isEqualTo(1);

        List<ConsumerRecord<String, byte[]>> deadLetters = readAll(List.of(Topics.DEAD_LETTER.name()), 1);
        assertThat(deadLetters).hasSize(1);
        ConsumerRecord<String, byte[]> letter = deadLetters.get(0);
        assertThat(DeadLetter.reasonOf(letter.headers())).isEqualTo("no_identifier");
        assertThat(DeadLetter.text(letter.headers(), DeadLetter.SOURCE)).isEqualTo("cdc:customers");
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).contains("\"first_name\":\"Nobody\"");
    }

    @Test
    void startFailsWithTheDatabaseErrorWhenTheConnectionIsRefused() {
        CdcConfig wrongPassword = CdcConfig.of("127.0.0.1", pg.port(), PostgresCluster.USER, "not-the-password",
                PostgresCluster.SHOP_DB, kafka.bootstrapServers(), work.resolve("refused/offsets.dat"));

        assertThatThrownBy(() -> CdcRunner.start(wrongPassword))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed to start")
                .hasMessageContaining("password authentication failed");
    }

    private static Event event(Map<String, byte[]> byId, String eventId) {
        assertThat(byId).containsKey(eventId);
        return EventJson.readEvent(byId.get(eventId));
    }

    /** Every record of the topics from the beginning, once at least {@code atLeast} have arrived. */
    private static List<ConsumerRecord<String, byte[]>> readAll(List<String> topics, int atLeast) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo p : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, p.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline
                    && (out.size() < atLeast || partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting: " + what).isLessThan(deadline);
            try {
                Thread.sleep(50); // poll interval of the deadline loop, not a synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting: " + what);
            }
        }
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection c = pg.connect(PostgresCluster.SHOP_DB); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static String query(String select) {
        try (Connection c = pg.connect(PostgresCluster.SHOP_DB); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(select)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new AssertionError(select + ": " + e.getMessage(), e);
        }
    }

    private static boolean queryBoolean(String select) {
        return "t".equals(query(select)) || "true".equals(query(select));
    }
}
