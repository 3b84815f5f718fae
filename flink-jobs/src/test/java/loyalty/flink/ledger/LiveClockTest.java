package loyalty.flink.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import loyalty.flink.common.EventClock;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class LiveClockTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LiveClock clock = new LiveClock(Duration.ofSeconds(120), now::get);
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
        }

        @Override
        public void markActive() {
        }
    };

    @Test
    void onceLiveQuietInputStillMovesTheClockWithTheWallClockLessTheLag() {
        clock.onEvent(new byte[0], 1_000_000 - 150_000, output);
        clock.onPeriodicEmit(output);
        now.addAndGet(60_000);
        clock.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(1_000_000 - 120_000L, 1_060_000 - 120_000L);
    }

    @Test
    void historyAloneMovesTheClockByItsEventsOnlyHoweverLongTheWallClockRuns() {
        long monthAgo = 1_000_000 - Duration.ofDays(30).toMillis();
        clock.onPeriodicEmit(output);
        clock.onEvent(new byte[0], monthAgo, output);
        clock.onPeriodicEmit(output);
        now.addAndGet(Duration.ofDays(1).toMillis());
        clock.onPeriodicEmit(output);
        clock.onEvent(new byte[0], monthAgo + 5_000, output);
        clock.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(monthAgo - 1, monthAgo + 4_999);
    }

    @Test
    void theFirstEventWithinTheLiveWindowHandsTheClockToTheWallClock() {
        long justInside = 1_000_000 - 120_000 - EventClock.DEFAULT_LIVE_WINDOW.toMillis();
        clock.onEvent(new byte[0], justInside - 1, output);
        clock.onPeriodicEmit(output);
        clock.onEvent(new byte[0], justInside, output);
        clock.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(justInside - 2, 1_000_000 - 120_000L);
    }

    @Test
    void eventsAheadOfTheWallClockLeadAndTheClockNeverGoesBack() {
        clock.onEvent(new byte[0], 5_000_000, output);
        clock.onPeriodicEmit(output);
        now.addAndGet(1_000);
        clock.onPeriodicEmit(output);
        clock.onEvent(new byte[0], 100, output);
        clock.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(4_999_999L);
    }
}
