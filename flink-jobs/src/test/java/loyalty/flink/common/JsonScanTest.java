package loyalty.flink.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonScanTest {
    private static final String EVENT = "{\"event_id\":\"e1\",\"payload\":{\"occurred_at\":\"1999-01-01T00:00:00Z\","
            + "\"items\":[{\"occurred_at\":\"1998-01-01T00:00:00Z\"}]},\"occurred_at\":\"2026-01-05T12:00:00Z\"}";
    private static final String RESOLVED = "{\"kind\":\"event\",\"program\":\"acme\",\"event\":{\"event_id\":\"e1\","
            + "\"payload\":{\"occurred_at\":\"1999-01-01T00:00:00Z\"},\"occurred_at\":\"2026-01-05T12:00:00Z\"}}";
    private static final String MERGE = "{\"kind\":\"merge\",\"program\":\"acme\",\"merge\":{\"merge_id\":\"m\","
            + "\"occurred_at\":\"2026-02-01T00:00:00Z\"}}";

    @Test
    void findsTheFieldAtItsDepthOnlyWhereverDeeperOnesAre() {
        assertThat(JsonScan.millis(bytes(EVENT), 1, "occurred_at")).isEqualTo(at("2026-01-05T12:00:00Z"));
        assertThat(JsonScan.millis(bytes(RESOLVED), 2, "occurred_at")).isEqualTo(at("2026-01-05T12:00:00Z"));
        assertThat(JsonScan.millis(bytes(MERGE), 2, "occurred_at")).isEqualTo(at("2026-02-01T00:00:00Z"));
        assertThat(JsonScan.text(bytes(RESOLVED), 1, "program")).isEqualTo("acme");
    }

    @Test
    void somethingUnreadableNeverMovesAWatermark() {
        assertThat(JsonScan.millis(bytes("not json"), 1, "occurred_at")).isEqualTo(Long.MIN_VALUE);
        assertThat(JsonScan.millis(bytes("{\"occurred_at\":\"yesterday\"}"), 1, "occurred_at"))
                .isEqualTo(Long.MIN_VALUE);
        assertThat(JsonScan.millis(bytes("{\"occurred_at\":5}"), 1, "occurred_at")).isEqualTo(Long.MIN_VALUE);
        assertThat(JsonScan.text(bytes("{\"a\":1}"), 1, "program")).isNull();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long at(String s) {
        return Instant.parse(s).toEpochMilli();
    }
}
