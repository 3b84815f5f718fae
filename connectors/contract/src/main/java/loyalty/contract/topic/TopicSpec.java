package loyalty.contract.topic;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic: its name, what its key is, the serdes of key and value, partitions and cleanup policy.
 *
 * @param keyMeaning what the record key holds, e.g. "event_id" or "member_id"
 * @param valueFormat what the value holds, e.g. "Event JSON (envelope.schema.json)"
 */
public record TopicSpec<K, V>(
        String name,
        String keyMeaning,
        Serde<K> keySerde,
        String valueFormat,
        Serde<V> valueSerde,
        int partitions,
        CleanupPolicy cleanupPolicy) {

    /** Topic-level configs for topic creation. */
    public Map<String, String> configs() {
        return Map.of("cleanup.policy", cleanupPolicy.config());
    }
}
