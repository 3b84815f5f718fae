package loyalty.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One measured step: how many events and bytes went through it, and in how long.
 *
 * @param bytes MB/s are decimal megabytes (10^6 bytes) of these bytes per second
 */
@JsonPropertyOrder({"step", "what", "events", "bytes", "seconds", "events_per_second", "mb_per_second"})
record Throughput(
        @JsonProperty("step") String step,
        @JsonProperty("what") String what,
        @JsonProperty("events") long events,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("seconds") double seconds) {

    @JsonProperty("events_per_second")
    double eventsPerSecond() {
        return seconds > 0 ? events / seconds : 0;
    }

    @JsonProperty("mb_per_second")
    double mbPerSecond() {
        return seconds > 0 ? bytes / 1e6 / seconds : 0;
    }
}
