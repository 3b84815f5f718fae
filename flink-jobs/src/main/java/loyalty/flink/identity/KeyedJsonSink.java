package loyalty.flink.identity;

import loyalty.flink.common.Delivery;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** The Kafka sink of the platform's JSON outputs. */
public final class KeyedJsonSink {
    private KeyedJsonSink() {
    }

    /** Transactions committed on checkpoints. */
    public static KafkaSink<KeyedJson> exactlyOnce(String bootstrapServers, String topic,
                                                   String transactionalIdPrefix) {
        return of(Delivery.EXACTLY_ONCE, bootstrapServers, topic, transactionalIdPrefix);
    }

    /** @param transactionalIdPrefix used by exactly-once only */
    public static KafkaSink<KeyedJson> of(Delivery delivery, String bootstrapServers, String topic,
                                          String transactionalIdPrefix) {
        return KafkaSink.<KeyedJson>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(new KeyedJsonSerializer(topic))
                .setDeliveryGuarantee(delivery.guarantee())
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }
}
