package loyalty.flink.ledger;

import loyalty.flink.common.JsonScan;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Reads the program and event time of a resolved record (an event's or a merge's {@code occurred_at}) by streaming
 * scans; the ledger operator parses the record in full, once.
 */
public final class ReadResolved implements MapFunction<byte[], ResolvedRecord> {

    @Override
    public ResolvedRecord map(byte[] value) {
        return of(value);
    }

    static ResolvedRecord of(byte[] value) {
        String program = JsonScan.text(value, 1, "program");
        long at = JsonScan.millis(value, 2, "occurred_at");
        if (program == null || at == Long.MIN_VALUE) {
            throw new IllegalArgumentException("not a resolved record (no program or occurred_at): "
                    + new String(value, 0, Math.min(value.length, 200), java.nio.charset.StandardCharsets.UTF_8));
        }
        return new ResolvedRecord(program, at, value);
    }
}
