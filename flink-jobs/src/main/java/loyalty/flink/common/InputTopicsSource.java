package loyalty.flink.common;

import java.util.List;
import loyalty.contract.topic.TopicSpec;
import loyalty.contract.topic.Topics;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The one way a job reads the platform's input topics: every topic of {@link Topics#inputs()}, with its Kafka
 * position kept, from the group's committed offsets (else the earliest), committing offsets on checkpoints.
 */
public final class InputTopicsSource {
    private InputTopicsSource() {
    }

    public static KafkaSource<KafkaInput> create(String bootstrapServers, String groupId) {
        List<String> topics = Topics.inputs().stream().map(TopicSpec::name).toList();
        return KafkaSource.<KafkaInput>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topics)
                .setGroupId(groupId)
                .setClientIdPrefix(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KafkaInputDeserializer())
                // a producer's aborted transaction must not become an input record
                .setProperty("isolation.level", "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }
}
