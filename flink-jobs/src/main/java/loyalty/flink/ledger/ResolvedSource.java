package loyalty.flink.ledger;

import loyalty.contract.topic.Topics;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The resolved stream as the ledger reads it: committed transactions only, offsets committed on checkpoints. */
final class ResolvedSource {
    private ResolvedSource() {
    }

    static KafkaSource<byte[]> create(String bootstrapServers, String groupId) {
        return KafkaSource.<byte[]>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(Topics.RESOLVED.name())
                .setGroupId(groupId)
                .setClientIdPrefix(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setValueOnlyDeserializer(new org.apache.flink.api.common.serialization.AbstractDeserializationSchema<
                        byte[]>() {
                    @Override
                    public byte[] deserialize(byte[] message) {
                        return message;
                    }
                })
                .setProperty("isolation.level", "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }
}
