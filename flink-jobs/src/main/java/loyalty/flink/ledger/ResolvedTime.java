package loyalty.flink.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.time.Instant;

/**
 * The event time of a resolved record at the source, for watermarks: the {@code occurred_at} of its {@code event}
 * or {@code merge}, found by a streaming scan. {@link Long#MIN_VALUE} when there is none (it never moves a watermark).
 */
final class ResolvedTime {
    private static final JsonFactory JSON = new JsonFactory();

    private ResolvedTime() {
    }

    static long millis(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            int depth = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME && depth == 2 && "occurred_at".equals(p.currentName())) {
                    p.nextToken();
                    return Instant.parse(p.getText()).toEpochMilli();
                }
            }
            return Long.MIN_VALUE;
        } catch (Exception e) {
            return Long.MIN_VALUE;
        }
    }
}
