package loyalty.flink.common;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Keeps every record, parseable or not: parsing happens in an operator that can route failures to the dead-letter
 * topic, whereas an exception thrown here would fail the job and replay the same record forever.
 */
public final class KafkaInputDeserializer implements KafkaRecordDeserializationSchema<KafkaInput> {
    private static final byte[] EMPTY = new byte[0];

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaInput> out) {
        byte[] value = record.value() == null ? EMPTY : record.value();
        out.collect(new KafkaInput(record.topic(), record.partition(), record.offset(), value, record.timestamp()));
    }

    @Override
    public TypeInformation<KafkaInput> getProducedType() {
        return TypeInformation.of(KafkaInput.class);
    }
}
