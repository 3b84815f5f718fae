package loyalty.contract.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import loyalty.contract.topic.Topics;
import loyalty.contract.validation.RejectReason;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A rejected input record. Like Kafka Connect's dead-letter queue, the value is the original bytes untouched and
 * the why and where travel as headers, so the record can be fixed and replayed as it was.
 *
 * @param source   where it came from: {@code file:<path>}, {@code http}, {@code cdc:<table>}, {@code kafka:<topic>}
 * @param position where inside the source: line number, request and index, LSN, partition/offset
 */
public record DeadLetter(byte[] original, RejectReason reason, String detail, String source, String position,
                         Instant receivedAt) {
    public static final String REASON = "dlq.reason";
    public static final String DETAIL = "dlq.detail";
    public static final String SOURCE = "dlq.source";
    public static final String POSITION = "dlq.position";
    public static final String RECEIVED_AT = "dlq.received_at";

    public DeadLetter {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(reason, "reason");
    }

    public ProducerRecord<String, byte[]> toRecord() {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.DEAD_LETTER.name(), source + ":" + position, original);
        Headers headers = record.headers();
        headers.add(REASON, utf8(reason.code()));
        headers.add(DETAIL, utf8(detail == null ? "" : detail));
        headers.add(SOURCE, utf8(source));
        headers.add(POSITION, utf8(position));
        headers.add(RECEIVED_AT, utf8(receivedAt.toString()));
        return record;
    }

    /** The reason code of a dead-letter record read back from Kafka. */
    public static String reasonOf(Headers headers) {
        return text(headers, REASON);
    }

    public static String text(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
