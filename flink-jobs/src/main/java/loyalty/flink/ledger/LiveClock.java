package loyalty.flink.ledger;

import java.time.Duration;
import java.util.function.LongSupplier;
import loyalty.flink.common.EventClock;
import loyalty.flink.common.JsonScan;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The ledger's event-time clock on a live stack: the resolved stream's newest {@code occurred_at}, and, once the
 * stream has gone live, also the wall clock less a lag, so that points still become available and expire at night
 * without events (SPEC §13.1: due effects are applied in time order; the lag leaves room for events still on their
 * way, which identity resolution holds back by its own out-of-orderness bound). An event older than this clock is
 * applied at once, after the effects already fired (SPEC §1 late events).
 *
 * <p>The stream goes live with its first event dated within the lag plus {@link EventClock#DEFAULT_LIVE_WINDOW} of the
 * wall clock. Until then (a stack that has only loaded history, in one file or in chunks) the wall clock, years
 * ahead of the events, would expire everything before the next chunk arrived, so event time alone rules, exactly
 * as over a replay. Whether the stream is live is not checkpointed: after a restart the next live event (or a
 * re-read one) makes it live again, and until then due effects wait, never fire early.
 */
final class LiveClock implements WatermarkGenerator<byte[]> {
    private final long lagMillis;
    private final long liveAfterMillis;
    private final LongSupplier wallClock;
    private long newestEvent = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;
    private boolean live;

    LiveClock(Duration lag, LongSupplier wallClock) {
        this.lagMillis = lag.toMillis();
        this.liveAfterMillis = lag.plus(EventClock.DEFAULT_LIVE_WINDOW).toMillis();
        this.wallClock = wallClock;
    }

    /** Event time from the records, and the wall clock less {@code lag} when that is later and the stream is live. */
    static WatermarkStrategy<byte[]> strategy(Duration lag) {
        return WatermarkStrategy.<byte[]>forGenerator(context -> new LiveClock(lag, System::currentTimeMillis))
                .withTimestampAssigner((value, previous) -> JsonScan.millis(value, 2, "occurred_at"));
    }

    @Override
    public void onEvent(byte[] event, long eventTimestamp, WatermarkOutput output) {
        newestEvent = Math.max(newestEvent, eventTimestamp);
        if (!live && eventTimestamp >= wallClock.getAsLong() - liveAfterMillis) {
            live = true;
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long byEvents = newestEvent == Long.MIN_VALUE ? Long.MIN_VALUE : newestEvent - 1;
        long next = live ? Math.max(byEvents, wallClock.getAsLong() - lagMillis) : byEvents;
        if (next > emitted) {
            emitted = next;
            output.emitWatermark(new Watermark(next));
        }
    }
}
