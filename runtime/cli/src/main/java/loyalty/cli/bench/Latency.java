package loyalty.cli.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * How long one kind of event took to become visible, over a run: nearest-rank percentiles, in milliseconds. An
 * event still not visible when the run stopped waiting counts as slower than every visible one: a percentile that
 * falls among those is unknown (null), only known to exceed {@code waitedMs}. A pipeline that cannot keep up with
 * the rate shows that way, instead of with flattering figures over the events that did get through.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record Latency(
        @JsonProperty("count") int count,
        @JsonProperty("not_visible") int notVisible,
        @JsonProperty("p50_ms") Long p50,
        @JsonProperty("p99_ms") Long p99,
        @JsonProperty("max_ms") Long max,
        @JsonProperty("waited_ms") long waitedMs) {

    /**
     * @param waitedMs how long each event not visible was waited for, at least
     * @return null when there was nothing to measure
     */
    static Latency of(long[] visibleMillis, int notVisible, long waitedMs) {
        int count = visibleMillis.length + notVisible;
        if (count == 0) {
            return null;
        }
        long[] sorted = visibleMillis.clone();
        Arrays.sort(sorted);
        return new Latency(count, notVisible, rank(sorted, count, 0.50), rank(sorted, count, 0.99),
                rank(sorted, count, 1.0), waitedMs);
    }

    private static Long rank(long[] sortedVisible, int count, double p) {
        int index = Math.max(0, (int) Math.ceil(p * count) - 1);
        return index < sortedVisible.length ? sortedVisible[index] : null;
    }

    /** {@code 120 / 480 ms}, {@code 120 ms / > 30 s}, or n/a. */
    static String describe(Latency latency) {
        return latency == null ? "n/a" : millis(latency, latency.p50()) + " / " + millis(latency, latency.p99());
    }

    static String p99(Latency latency) {
        return latency == null ? "n/a" : millis(latency, latency.p99());
    }

    private static String millis(Latency latency, Long value) {
        return value != null ? String.format("%,d ms", value) : String.format("> %,d s", latency.waitedMs() / 1000);
    }
}
