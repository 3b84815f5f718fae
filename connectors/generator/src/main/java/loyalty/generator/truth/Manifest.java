package loyalty.generator.truth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code manifest.json}: the expected counts of a generated data set. Per source (cdc, pos, web, app): distinct
 * valid events, redeliveries and invalid lines by reason; totals per event type; the population; the planted
 * identity-mess cases with the people who carry them.
 */
public record Manifest(
        @JsonProperty("generator") Map<String, Object> generator,
        @JsonProperty("sources") Map<String, SourceCounts> sources,
        @JsonProperty("totals") Totals totals,
        @JsonProperty("population") Map<String, Object> population,
        @JsonProperty("scenarios") Map<String, Object> scenarios) {

    /** Distinct valid events over all sources, in total and per type. */
    public record Totals(@JsonProperty("valid") long valid, @JsonProperty("by_type") Map<String, Long> byType) {
    }

    public SourceCounts source(String name) {
        SourceCounts counts = sources.get(name);
        if (counts == null) {
            throw new IllegalArgumentException("no source " + name + " in the manifest; have " + sources.keySet());
        }
        return counts;
    }
}
