package loyalty.flink.common;

import loyalty.contract.deadletter.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.OutputTag;

/** The side output and the Kafka sink every job uses for input it cannot accept. */
public final class DeadLetters {
    /** Side output of the operators that reject records. */
    public static final OutputTag<DeadLetter> TAG =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private DeadLetters() {
    }

    /**
     * At-least-once: a dead letter written after the last checkpoint is written again when the job restarts from
     * it. A repeat is recognisable (its key is {@code source:position}), whereas a lost one could not be noticed,
     * and readers of the dead-letter topic need not use read_committed.
     */
    public static KafkaSink<DeadLetter> sink(String bootstrapServers) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(new DeadLetterSerializer())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
