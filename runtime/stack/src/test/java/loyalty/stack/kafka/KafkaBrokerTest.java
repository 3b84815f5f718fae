package loyalty.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import loyalty.contract.topic.Topics;
import loyalty.stack.Ports;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {
    @TempDir
    Path work;

    @Test
    void createsEveryRegistryTopicAndKeepsRecordsAcrossARestart() throws Exception {
        int port = Ports.free();
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), port)) {
            try (Admin admin = broker.admin()) {
                TopicCreator.ensure(admin, Topics.all(), (short) 1);
                // ensure returns only once the broker serves every new partition as leader: no wait is needed here
                assertThat(admin.describeTopics(Topics.byName().keySet()).allTopicNames().get(10, TimeUnit.SECONDS)
                        .values()).allSatisfy(t -> assertThat(t.partitions()).as(t.name())
                        .allSatisfy(p -> assertThat(p.leader()).isNotNull()
                                .satisfies(l -> assertThat(l.isEmpty()).isFalse())));
                TopicCreator.ensure(admin, Topics.all(), (short) 1); // idempotent
                Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                assertThat(names).containsAll(Topics.byName().keySet());
                ConfigResource balances = new ConfigResource(ConfigResource.Type.TOPIC, Topics.BALANCES.name());
                ConfigEntry policy = admin.describeConfigs(List.of(balances)).all().get(10, TimeUnit.SECONDS)
                        .get(balances).get("cleanup.policy");
                assertThat(policy.value()).isEqualTo("compact");
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.ORDERS.name(), "k", "hello")).get(10, TimeUnit.SECONDS);
            }
        }
        try (KafkaBroker again = KafkaBroker.start(work.resolve("kafka"), port);
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     "bootstrap.servers", again.bootstrapServers(), "group.id", "t", "auto.offset.reset", "earliest"),
                     new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ORDERS.name()));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
            assertThat(values).containsExactly("hello");
        }
    }
}
