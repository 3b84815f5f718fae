package loyalty.flink.common;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Which events may move a job's event-time clock (its watermark), judged against the time Kafka appended each
 * record, so that every job, every restart and every re-read of a topic judges a record the same way.
 *
 * <ul>
 *   <li>An event dated more than {@code futureTolerance} after it was appended is from the future (a wrong clock
 *       at the source): it is dead-lettered {@code future_time} and never moves any clock.</li>
 *   <li>With a {@code liveWindow}, only <em>live</em> events move the clock: those appended within the window of
 *       their {@code occurred_at}. History (a load of older events, in bulk, in chunks or by CDC) then never moves
 *       the watermark, so it never makes later-arriving history late: it waits in identity resolution's state and
 *       is resolved, in event-time order, when the input goes quiet. Without a window (null) every event moves the
 *       clock: for jobs over bounded history and tests that drive the watermark themselves.</li>
 * </ul>
 *
 * @param futureTolerance how far ahead of its append time an event may be dated
 * @param liveWindow      how old an event may be when appended and still count as live; null: every event counts
 */
public record EventClock(Duration futureTolerance, Duration liveWindow) implements Serializable {
    public static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofMinutes(5);
    /** Wider than any delay of a live event on its way in (a till's offline buffer, a CDC lag, a slow batch). */
    public static final Duration DEFAULT_LIVE_WINDOW = Duration.ofHours(1);
    /** The value a timestamp assigner returns for an event that must not move the clock. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public EventClock {
        Objects.requireNonNull(futureTolerance, "futureTolerance");
        if (futureTolerance.isNegative()) {
            throw new IllegalArgumentException("futureTolerance must not be negative, got " + futureTolerance);
        }
        if (liveWindow != null && (liveWindow.isNegative() || liveWindow.isZero())) {
            throw new IllegalArgumentException("liveWindow must be positive, got " + liveWindow);
        }
    }

    /** Future events are refused; every other event moves the clock. */
    public static EventClock everyEvent() {
        return new EventClock(DEFAULT_FUTURE_TOLERANCE, null);
    }

    /** Future events are refused; only live events move the clock (a long-running stack's identity job). */
    public static EventClock liveEvents() {
        return new EventClock(DEFAULT_FUTURE_TOLERANCE, DEFAULT_LIVE_WINDOW);
    }

    public EventClock withLiveWindow(Duration window) {
        return new EventClock(futureTolerance, window);
    }

    public EventClock withFutureTolerance(Duration tolerance) {
        return new EventClock(tolerance, liveWindow);
    }

    /** @param appendedAt when Kafka appended the record (epoch ms) */
    public boolean isFuture(long occurredAt, long appendedAt) {
        return occurredAt > appendedAt + futureTolerance.toMillis();
    }

    /** The timestamp to give the watermark generator: the event's time, or {@link #NO_TIMESTAMP} if it must not move it. */
    public long clockTimestamp(long occurredAt, long appendedAt) {
        if (isFuture(occurredAt, appendedAt)) {
            return NO_TIMESTAMP;
        }
        if (liveWindow != null && occurredAt < appendedAt - liveWindow.toMillis()) {
            return NO_TIMESTAMP;
        }
        return occurredAt;
    }
}
