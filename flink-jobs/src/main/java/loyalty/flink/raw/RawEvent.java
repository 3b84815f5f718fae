package loyalty.flink.raw;

import java.time.Instant;
import loyalty.contract.event.Identifiers;

/**
 * An accepted input event as it travels through the job: the envelope with its payload as JSON text, and where it
 * came from. Flat and made of Flink-serialisable fields on purpose: {@link loyalty.contract.event.Event} holds a
 * Jackson tree, which Flink could only copy with Kryo at every operator boundary.
 *
 * @param ingestedAt when this job parsed the record (processing time)
 */
public record RawEvent(
        String eventId,
        String type,
        String program,
        Instant occurredAt,
        String source,
        Identifiers identifiers,
        String payloadJson,
        Instant ingestedAt,
        String kafkaTopic,
        int kafkaPartition,
        long kafkaOffset) {

    /** {@code topic:partition/offset}, for logs. */
    public String kafkaPosition() {
        return kafkaTopic + ":" + kafkaPartition + "/" + kafkaOffset;
    }
}
