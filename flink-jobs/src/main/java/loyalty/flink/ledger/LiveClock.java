package loyalty.flink.ledger;

import java.time.Duration;
import java.util.function.LongSupplier;
import loyalty.flink.common.JsonScan;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The ledger's event-time clock on a live stack: the resolved stream's newest {@code occurred_at}, and, when input
 * is quiet, the wall clock less a lag, so that points still become available and expire at night without events
 * (SPEC §13.1: due effects are applied in time order; the lag leaves room for events still on their way, which
 * identity resolution holds back by its own out-of-orderness bound). An event older than this clock is applied at
 * once, after the effects already fired (SPEC §1 late events).
 *
 * <p>Only for live input: over history (a backfill, the demo, a replay) the wall clock is years ahead of the events
 * and would expire everything, so those keep the events' clock alone.
 */
final class LiveClock implements WatermarkGenerator<byte[]> {
    private final long lagMillis;
    private final LongSupplier wallClock;
    private long newestEvent = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    LiveClock(Duration lag, LongSupplier wallClock) {
        this.lagMillis = lag.toMillis();
        this.wallClock = wallClock;
    }

    /** Event time from the records, and the wall clock less {@code lag} when that is later. */
    static WatermarkStrategy<byte[]> strategy(Duration lag) {
        return WatermarkStrategy.<byte[]>forGenerator(context -> new LiveClock(lag, System::currentTimeMillis))
                .withTimestampAssigner((value, previous) -> JsonScan.millis(value, 2, "occurred_at"));
    }

    @Override
    public void onEvent(byte[] event, long eventTimestamp, WatermarkOutput output) {
        newestEvent = Math.max(newestEvent, eventTimestamp);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long byEvents = newestEvent == Long.MIN_VALUE ? Long.MIN_VALUE : newestEvent - 1;
        long next = Math.max(byEvents, wallClock.getAsLong() - lagMillis);
        if (next > emitted) {
            emitted = next;
            output.emitWatermark(new Watermark(next));
        }
    }
}
