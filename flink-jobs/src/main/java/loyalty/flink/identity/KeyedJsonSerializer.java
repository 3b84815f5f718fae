package loyalty.flink.identity;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes {@link KeyedJson} to one topic. */
final class KeyedJsonSerializer implements KafkaRecordSerializationSchema<KeyedJson> {
    private final String topic;

    KeyedJsonSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(KeyedJson record, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, record.key().getBytes(StandardCharsets.UTF_8), record.value());
    }
}
