package loyalty.generator.feed;

import java.time.Instant;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;

/**
 * An event a source will send, before it has an id: ids are given in file order.
 *
 * @param localOffsetHours when not null, the till writes occurred_at with its local offset instead of Z
 */
record PlannedEvent(FeedSource source, Instant at, long seq, int step, String program, String personId,
                    EventType type, Identifiers identifiers, Object payload, Integer localOffsetHours) {
}
