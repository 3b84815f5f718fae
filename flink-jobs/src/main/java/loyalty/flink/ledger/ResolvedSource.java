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
                // read_committed whatever either job's --delivery. Behind an exactly-once identity job it is what
                // keeps aborted attempts (written, then rolled back on a restart) out of the ledger; read_uncommitted
                // would apply records that were never committed, which at-least-once does not allow either. Behind an
                // at-least-once identity job it costs nothing: records written outside a transaction are readable at
                // once (the last stable offset only waits for open transactions), so there is no latency to gain by
                // reading uncommitted. And the ledger cannot know its upstream's setting: the topic may still hold an
                // open transaction of an earlier exactly-once run, which it must not read past.
                .setProperty("isolation.level", "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }
}
