package loyalty.flink.common;

import java.nio.charset.StandardCharsets;
import loyalty.contract.deadletter.DeadLetter;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a {@link DeadLetter} exactly as the contract lays it out (original bytes, dlq.* headers). */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter deadLetter, KafkaSinkContext context, Long timestamp) {
        ProducerRecord<String, byte[]> record = deadLetter.toRecord();
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(record.topic(), null, null, key, record.value(), record.headers());
    }
}
