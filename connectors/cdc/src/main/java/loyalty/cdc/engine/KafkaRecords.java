package loyalty.cdc.engine;

import java.nio.charset.StandardCharsets;
import loyalty.cdc.transform.CanonicalEventTransform;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.topic.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * What Kafka Connect's converters do for the SMT's output (StringConverter key, ByteArrayConverter value,
 * SimpleHeaderConverter headers), done by hand for the embedded runner so both write the same bytes.
 */
final class KafkaRecords {
    private KafkaRecords() {
    }

    static ProducerRecord<String, byte[]> toProducerRecord(SourceRecord record) {
        if (record.key() != null && !(record.key() instanceof String)) {
            throw new IllegalStateException("transform output key must be a String, got " + record.key().getClass());
        }
        if (record.value() != null && !(record.value() instanceof byte[])) {
            throw new IllegalStateException("transform output value must be bytes, got " + record.value().getClass());
        }
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(record.topic(), record.kafkaPartition(),
                (String) record.key(), (byte[]) record.value());
        for (Header h : record.headers()) {
            Object v = h.value();
            out.headers().add(h.key(), v == null ? null
                    : v instanceof byte[] bytes ? bytes : v.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    static boolean isDeadLetter(ProducerRecord<String, byte[]> record) {
        return Topics.DEAD_LETTER.name().equals(record.topic());
    }

    static String deadLetterReason(ProducerRecord<String, byte[]> record) {
        String reason = DeadLetter.reasonOf(record.headers());
        return reason == null ? "unknown" : reason;
    }

    static String eventType(ProducerRecord<String, byte[]> record) {
        String type = DeadLetter.text(record.headers(), CanonicalEventTransform.EVENT_TYPE_HEADER);
        return type == null ? record.topic() : type;
    }
}
