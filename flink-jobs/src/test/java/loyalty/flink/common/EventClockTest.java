package loyalty.flink.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventClockTest {
    private static final long APPENDED = 1_000_000_000L;
    private static final long MINUTE = 60_000L;

    @Test
    void aFutureEventNeverMovesTheClock() {
        EventClock clock = EventClock.everyEvent();
        assertThat(clock.clockTimestamp(APPENDED + 5 * MINUTE, APPENDED)).isEqualTo(APPENDED + 5 * MINUTE);
        assertThat(clock.isFuture(APPENDED + 5 * MINUTE + 1, APPENDED)).isTrue();
        assertThat(clock.clockTimestamp(APPENDED + 5 * MINUTE + 1, APPENDED)).isEqualTo(EventClock.NO_TIMESTAMP);
        assertThat(EventClock.liveEvents().clockTimestamp(APPENDED + 6 * MINUTE, APPENDED))
                .isEqualTo(EventClock.NO_TIMESTAMP);
    }

    @Test
    void withoutAWindowHistoryMovesTheClockAsOverABoundedReplay() {
        assertThat(EventClock.everyEvent().clockTimestamp(APPENDED - Duration.ofDays(300).toMillis(), APPENDED))
                .isEqualTo(APPENDED - Duration.ofDays(300).toMillis());
    }

    @Test
    void withAWindowOnlyLiveEventsMoveTheClock() {
        EventClock clock = EventClock.liveEvents();
        long window = EventClock.DEFAULT_LIVE_WINDOW.toMillis();
        assertThat(clock.clockTimestamp(APPENDED - window, APPENDED)).isEqualTo(APPENDED - window);
        assertThat(clock.clockTimestamp(APPENDED - window - 1, APPENDED)).isEqualTo(EventClock.NO_TIMESTAMP);
        assertThat(clock.clockTimestamp(APPENDED - 2_000, APPENDED)).isEqualTo(APPENDED - 2_000);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new EventClock(Duration.ofMinutes(-1), null))
                .hasMessageContaining("futureTolerance");
        assertThatThrownBy(() -> new EventClock(Duration.ofMinutes(5), Duration.ZERO))
                .hasMessageContaining("liveWindow");
    }
}
