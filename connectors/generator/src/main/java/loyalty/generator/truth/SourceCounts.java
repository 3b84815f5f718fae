package loyalty.generator.truth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What the pipeline must see from one source.
 *
 * @param file       the feed file, or null for CDC
 * @param lines      lines in the feed file (CDC: statements written)
 * @param valid      distinct valid canonical events (CDC: events the connector must emit)
 * @param duplicates exact redeliveries of an event id already delivered
 * @param invalid    planted malformed lines by the reason code the validator must give
 * @param byType     distinct valid events per event type
 * @param rows       CDC only: rows per table after all changes
 * @param statements CDC only: statements per table and kind (INSERT, UPDATE, DELETE)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceCounts(
        @JsonProperty("file") String file,
        @JsonProperty("lines") long lines,
        @JsonProperty("valid") long valid,
        @JsonProperty("duplicates") long duplicates,
        @JsonProperty("invalid") Map<String, Long> invalid,
        @JsonProperty("by_type") Map<String, Long> byType,
        @JsonProperty("rows") Map<String, Long> rows,
        @JsonProperty("statements") Map<String, Map<String, Long>> statements) {

    public long invalidTotal() {
        return invalid.values().stream().mapToLong(Long::longValue).sum();
    }
}
