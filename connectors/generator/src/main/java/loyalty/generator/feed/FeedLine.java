package loyalty.generator.feed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import loyalty.contract.validation.RejectReason;

/**
 * One line of a feed file and what the pipeline must make of it.
 *
 * @param lineNumber  1-based position in the file
 * @param eventId     the event id the line carries (for a truncated line: the one it was written with)
 * @param personId    the true person, or null
 * @param type        the event type the source meant to send
 * @param kind        a valid event, an exact redelivery of an earlier line, or a planted malformed line
 * @param reason      for a malformed line, the reason the validator must give; else null
 * @param fault       for a malformed line, what was done to it (truncated, negative_amount, …); else null
 * @param bytes       the line without its newline
 * @param uploadDelay for a store sale the till uploaded late ({@link LateUploads}), how long after the sale; the line
 *                    sits where a line of that later time would be, while occurred_at stays the sale time; else null
 */
public record FeedLine(FeedSource source, long lineNumber, String eventId, String program, String personId,
                       String type, Instant occurredAt, Kind kind, RejectReason reason, String fault, byte[] bytes,
                       Duration uploadDelay) {

    public enum Kind { VALID, REDELIVERY, MALFORMED }

    /** A line further down the file than its occurred_at says, because the till uploaded it late. */
    public boolean uploadedLate() {
        return uploadDelay != null;
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    FeedLine at(long number) {
        return new FeedLine(source, number, eventId, program, personId, type, occurredAt, kind, reason, fault, bytes,
                uploadDelay);
    }

    FeedLine asRedelivery() {
        return new FeedLine(source, lineNumber, eventId, program, personId, type, occurredAt, Kind.REDELIVERY, null,
                null, bytes, uploadDelay);
    }
}
