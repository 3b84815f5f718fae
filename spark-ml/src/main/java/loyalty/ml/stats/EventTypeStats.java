package loyalty.ml.stats;

import java.time.Instant;

/**
 * What {@code raw.events} holds for one program and event type.
 *
 * @param events           rows
 * @param distinctEventIds different event ids among them; fewer than {@code events} means an event was stored twice
 * @param firstOccurredAt  the earliest {@code occurred_at}
 * @param lastOccurredAt   the latest {@code occurred_at}
 */
public record EventTypeStats(String program, String type, long events, long distinctEventIds,
                             Instant firstOccurredAt, Instant lastOccurredAt) {

    /** Rows beyond the first of their event id: zero when the raw-events job's deduplication held. */
    public long repeatedRows() {
        return events - distinctEventIds;
    }
}
