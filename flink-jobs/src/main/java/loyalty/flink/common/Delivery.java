package loyalty.flink.common;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * How a job delivers its Kafka outputs, set with {@code --delivery}. The checkpointing mode goes with it: aligned
 * barriers only pay for themselves when the outputs are transactional.
 */
public enum Delivery {
    /**
     * Transactional outputs committed when a checkpoint completes: a read_committed reader sees every record once,
     * but only after the checkpoint that follows it, so the checkpoint interval bounds how fresh the output is.
     */
    EXACTLY_ONCE("exactly-once", CheckpointingMode.EXACTLY_ONCE, DeliveryGuarantee.EXACTLY_ONCE),
    /**
     * Records readable as soon as they are sent; after a failure the job writes again what it wrote since its last
     * checkpoint, so readers must tolerate repeats (the platform's outputs carry deterministic ids).
     */
    AT_LEAST_ONCE("at-least-once", CheckpointingMode.AT_LEAST_ONCE, DeliveryGuarantee.AT_LEAST_ONCE);

    private final String wireName;
    private final CheckpointingMode checkpointingMode;
    private final DeliveryGuarantee guarantee;

    Delivery(String wireName, CheckpointingMode checkpointingMode, DeliveryGuarantee guarantee) {
        this.wireName = wireName;
        this.checkpointingMode = checkpointingMode;
        this.guarantee = guarantee;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Delivery parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.wireName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--delivery: " + name + " is not one of "
                        + Arrays.stream(values()).map(Delivery::wireName).collect(Collectors.joining(", "))));
    }

    public String wireName() {
        return wireName;
    }

    public CheckpointingMode checkpointingMode() {
        return checkpointingMode;
    }

    public DeliveryGuarantee guarantee() {
        return guarantee;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
