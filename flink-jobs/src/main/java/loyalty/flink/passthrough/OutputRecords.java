package loyalty.flink.passthrough;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes the bytes as the value of a record of the output topic. No key: the input key is not carried (reading it
 * would be work the pass-through exists to leave out), so the producer spreads records over the partitions.
 */
final class OutputRecords implements KafkaRecordSerializationSchema<byte[]> {
    private final String topic;

    OutputRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(byte[] value, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, null, value);
    }
}
