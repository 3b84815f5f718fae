package loyalty.flink.common;

/**
 * One record read from an input topic: its bytes untouched and where it sat in Kafka, so that whatever becomes of
 * it (a row, a dead letter) can name its origin.
 *
 * @param value the record value, never null (a Kafka tombstone arrives as an empty array)
 */
public record KafkaInput(String topic, int partition, long offset, byte[] value) {

    /** {@code partition/offset}, the position format of {@link loyalty.contract.deadletter.DeadLetter}. */
    public String position() {
        return partition + "/" + offset;
    }

    /** {@code kafka:<topic>}, the source format of {@link loyalty.contract.deadletter.DeadLetter}. */
    public String source() {
        return "kafka:" + topic;
    }
}
