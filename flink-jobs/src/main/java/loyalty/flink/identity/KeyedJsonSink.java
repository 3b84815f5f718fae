package loyalty.flink.identity;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** The exactly-once Kafka sink of the platform's JSON outputs: transactions committed on checkpoints. */
public final class KeyedJsonSink {
    private KeyedJsonSink() {
    }

    public static KafkaSink<KeyedJson> exactlyOnce(String bootstrapServers, String topic, String transactionalIdPrefix) {
        return KafkaSink.<KeyedJson>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(new KeyedJsonSerializer(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }
}
