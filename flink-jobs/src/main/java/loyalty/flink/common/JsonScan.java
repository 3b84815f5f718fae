package loyalty.flink.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.time.Instant;

/**
 * One field of a JSON record read by a streaming scan, without building a tree: what sources and key selectors need
 * (an event time for the watermark, a program for the key) from records that are parsed in full only once, later.
 */
public final class JsonScan {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonScan() {
    }

    /**
     * The text of the first field {@code name} found at {@code depth} (1: a top-level field, 2: a field of a
     * top-level object), or null when there is none or the record is not JSON.
     */
    public static String text(byte[] json, int depth, String name) {
        try (JsonParser p = JSON.createParser(json)) {
            int at = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    at++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    at--;
                } else if (t == JsonToken.FIELD_NAME && at == depth && name.equals(p.currentName())) {
                    return p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
                } else if (t == JsonToken.FIELD_NAME && at > depth) {
                    // deeper than wanted: nothing to find inside
                    if (p.nextToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
                        p.skipChildren();
                    }
                }
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The instant in field {@code name} at {@code depth} as epoch millis, or {@link Long#MIN_VALUE} when there is no
     * readable one: that never moves a watermark.
     */
    public static long millis(byte[] json, int depth, String name) {
        String text = text(json, depth, name);
        try {
            return text == null ? Long.MIN_VALUE : Instant.parse(text).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }
}
