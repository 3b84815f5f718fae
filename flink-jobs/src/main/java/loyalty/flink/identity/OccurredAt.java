package loyalty.flink.identity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.time.Instant;

/**
 * The event time of an input record, read at the source for watermarks without parsing the whole event: a
 * streaming scan for the top-level {@code occurred_at}. A record without a readable one gets
 * {@link Long#MIN_VALUE}, which never moves a watermark (the raw-events job dead-letters such records).
 */
final class OccurredAt {
    private static final JsonFactory JSON = new JsonFactory();

    private OccurredAt() {
    }

    static long millis(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Long.MIN_VALUE;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("occurred_at".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? Instant.parse(p.getText()).toEpochMilli() : Long.MIN_VALUE;
                }
                p.skipChildren();
            }
            return Long.MIN_VALUE;
        } catch (Exception e) {
            return Long.MIN_VALUE;
        }
    }
}
