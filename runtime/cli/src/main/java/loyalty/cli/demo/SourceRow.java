package loyalty.cli.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One source's line of the demo summary: what the generator says must arrive, what reached Kafka, what landed in
 * Iceberg (read through Trino, or straight from Iceberg without it), and what was dead-lettered.
 */
public record SourceRow(
        @JsonProperty("source") String source,
        @JsonProperty("generated_events") long generatedEvents,
        @JsonProperty("redeliveries_sent") long redeliveriesSent,
        @JsonProperty("records_in_kafka") long recordsInKafka,
        @JsonProperty("rows_in_iceberg") long rowsInIceberg,
        @JsonProperty("duplicates_dropped") long duplicatesDropped,
        @JsonProperty("dead_letters_expected") long deadLettersExpected,
        @JsonProperty("dead_letters") Map<String, Long> deadLetters) {

    public long deadLettersTotal() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every generated event landed exactly once and every planted fault was dead-lettered. */
    public boolean matches() {
        return rowsInIceberg == generatedEvents && deadLettersTotal() == deadLettersExpected;
    }
}
