package loyalty.cdc.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import loyalty.cdc.engine.ConnectorDefinition;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker-compose route: a real Kafka Connect worker (standalone, in this JVM) is given the shared connector JSON
 * unchanged, resolves its placeholders through a config provider, runs the SMT and writes with the JSON's
 * converters. It must produce the same records as the embedded runner.
 */
class KafkaConnectPathTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final List<String> PLACEHOLDERS = List.of("PG_HOST", "PG_PORT", "PG_USER", "PG_PASSWORD",
            "PG_DATABASE");

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
        System.setProperty("PG_HOST", "127.0.0.1");
        System.setProperty("PG_PORT", Integer.toString(pg.port()));
        System.setProperty("PG_USER", PostgresCluster.USER);
        System.setProperty("PG_PASSWORD", PostgresCluster.PASSWORD);
        System.setProperty("PG_DATABASE", PostgresCluster.SHOP_DB);
    }

    @AfterAll
    static void stopStack() {
        PLACEHOLDERS.forEach(System::clearProperty);
        if (kafka != null) {
            kafka.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void kafkaConnectRunsTheSameJsonAndWritesTheSameRecords() throws Exception {
        sql("INSERT INTO orders (order_id, program, customer_crm_id, net_amount, currency, channel, status,"
                        + " completed_at) VALUES ('O1', 'acme', '42', 120.50, 'USD', 'store', 'COMPLETED',"
                        + " '2026-01-05T12:00:00Z')",
                "INSERT INTO customers (crm_id, program, first_name) VALUES ('', 'acme', 'Nobody')");
        Map<String, String> worker = new HashMap<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "key.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "offset.storage.file.filename", work.resolve("connect.offsets").toString(),
                "offset.flush.interval.ms", "1000",
                "listeners", "http://127.0.0.1:" + Ports.free(),
                "plugin.discovery", "service_load",
                "config.providers", "env",
                "config.providers.env.class", SystemPropertyConfigProvider.class.getName()));
        ConnectorDefinition json = ConnectorDefinition.load();

        Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(worker);
        try {
            FutureCallback<Herder.Created<org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo>> created =
                    new FutureCallback<>();
            // What POST /connectors does with the JSON: the top-level name joins the config.
            Map<String, String> config = new HashMap<>(json.config());
            config.put("name", json.name());
            connect.herder().putConnectorConfig(json.name(), config, false, created);
            created.get(30, TimeUnit.SECONDS);
            // The task starts asynchronously: wait for the snapshot's output before streaming changes.
            List<ConsumerRecord<String, byte[]>> snapshot = read(Topics.ORDERS.name(), 1);
            assertThat(snapshot).extracting(ConsumerRecord::key).containsExactly("cdc:orders:O1:completed");
            Event o1 = EventJson.readEvent(snapshot.get(0).value());
            assertThat(o1.payload().get("net_amount").asText()).isEqualTo("120.50");
            assertThat(o1.source()).isEqualTo("cdc");

            sql("UPDATE orders SET status = 'PAID' WHERE order_id = 'O1'",
                    "INSERT INTO orders (order_id, program, customer_email, net_amount, currency, channel, status,"
                            + " completed_at) VALUES ('O2', 'acme', 'ann@x.com', 9.99, 'EUR', 'web', 'COMPLETED',"
                            + " '2026-01-06T12:00:00Z')");
            List<ConsumerRecord<String, byte[]>> orders = read(Topics.ORDERS.name(), 2);
            assertThat(orders).extracting(ConsumerRecord::key)
                    .containsExactlyInAnyOrder("cdc:orders:O1:completed", "cdc:orders:O2:completed");
            Event o2 = orders.stream().filter(r -> r.key().equals("cdc:orders:O2:completed"))
                    .map(r -> EventJson.readEvent(r.value())).findFirst().orElseThrow();
            assertThat(o2.payload().get("net_amount").asText()).isEqualTo("9.99");

            List<ConsumerRecord<String, byte[]>> letters = read(Topics.DEAD_LETTER.name(), 1);
            assertThat(letters).hasSize(1);
            assertThat(DeadLetter.reasonOf(letters.get(0).headers())).isEqualTo("no_identifier");
            assertThat(DeadLetter.text(letters.get(0).headers(), DeadLetter.SOURCE)).isEqualTo("cdc:customers");
            assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8)).contains("Nobody");
        } finally {
            connect.stop();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> read(String topic, int atLeast) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (out.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection c = pg.connect(PostgresCluster.SHOP_DB); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
