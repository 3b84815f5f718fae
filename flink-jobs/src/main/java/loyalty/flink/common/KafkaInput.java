package loyalty.flink.common;

/**
 * One record read from an input topic: its bytes untouched and where it sat in Kafka, so that whatever becomes of
 * it (a row, a dead letter) can name its origin.
 *
 * @param value      the record value, never null (a Kafka tombstone arrives as an empty array)
 * @param appendedAt the record's Kafka timestamp (epoch ms; the producer's send time), or -1 when unknown
 */
public record KafkaInput(String topic, int partition, long offset, byte[] value, long appendedAt) {

    /** A record whose append time is unknown. */
    public KafkaInput(String topic, int partition, long offset, byte[] value) {
        this(topic, partition, offset, value, -1);
    }

    /** The append time, or {@code fallback} when Kafka gave none. */
    public long appendedAtOr(long fallback) {
        return appendedAt < 0 ? fallback : appendedAt;
    }

    /** {@code partition/offset}, the position format of {@link loyalty.contract.deadletter.DeadLetter}. */
    public String position() {
        return partition + "/" + offset;
    }

    /** {@code kafka:<topic>}, the source format of {@link loyalty.contract.deadletter.DeadLetter}. */
    public String source() {
        return "kafka:" + topic;
    }
}
