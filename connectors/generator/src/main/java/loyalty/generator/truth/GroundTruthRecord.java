package loyalty.generator.truth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One line of {@code ground-truth.jsonl}: a generated record and the true person behind it. Never read by the
 * pipeline; tests and benchmarks join it to the pipeline's output by {@code key}.
 *
 * @param source  {@code cdc}, {@code pos}, {@code web} or {@code app}
 * @param key     the event_id of a feed line; {@code table:primary key} of an operational row
 * @param person  the true person id, or null (rule sets, staff test accounts)
 * @param type    feeds: the event type the line was meant to carry
 * @param line    feeds: the first line that carries the key
 * @param expect  feeds: {@code valid}, or the reject reason code of a planted malformed line
 * @param fault   feeds: what was done to a malformed line
 * @param copies  feeds: how many times the line occurs (2 for a redelivered event)
 * @param events  cdc: the canonical events the row's changes must produce, in order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroundTruthRecord(
        @JsonProperty("source") String source,
        @JsonProperty("key") String key,
        @JsonProperty("program") String program,
        @JsonProperty("person") String person,
        @JsonProperty("type") String type,
        @JsonProperty("line") Long line,
        @JsonProperty("expect") String expect,
        @JsonProperty("fault") String fault,
        @JsonProperty("copies") Integer copies,
        @JsonProperty("events") List<String> events) {
    public static final String VALID = "valid";
    public static final String CDC = "cdc";
}
