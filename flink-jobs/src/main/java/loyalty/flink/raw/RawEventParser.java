package loyalty.flink.raw;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.validation.RejectReason;
import loyalty.flink.common.EventClock;
import loyalty.flink.common.KafkaInput;

/**
 * Turns one input record into a {@link RawEvent}, or into a dead letter that says why not. It only reads the
 * envelope (what raw.events stores); the payload rules of each type are checked by the jobs that apply them.
 */
public final class RawEventParser {

    /** What became of one record: exactly one of the two. */
    public sealed interface Outcome permits Parsed, Rejected {
    }

    public record Parsed(RawEvent event) implements Outcome {
    }

    public record Rejected(DeadLetter deadLetter) implements Outcome {
    }

    private RawEventParser() {
    }

    public static Outcome parse(KafkaInput input, Instant now) {
        return parse(input, now, EventClock.everyEvent());
    }

    /**
     * @param now   when the record is read: the dead letter's time, and the append time of a record that has none
     * @param clock says which events are from the future ({@code future_time})
     */
    public static Outcome parse(KafkaInput input, Instant now, EventClock clock) {
        if (input.value().length == 0) {
            return reject(input, RejectReason.INVALID_JSON, "empty record value", now);
        }
        Event event;
        try {
            event = EventJson.readEvent(input.value());
        } catch (UncheckedIOException e) {
            return reject(input, reasonOf(e.getCause()), detailOf(e.getCause()), now);
        }
        if (event == null) {
            return reject(input, RejectReason.NOT_AN_OBJECT, "JSON null", now);
        }
        if (EventType.fromWireName(event.type()).isEmpty()) {
            return reject(input, RejectReason.UNKNOWN_TYPE, "unknown type " + event.type(), now);
        }
        long appendedAt = input.appendedAtOr(now.toEpochMilli());
        if (clock.isFuture(event.occurredAt().toEpochMilli(), appendedAt)) {
            return reject(input, RejectReason.FUTURE_TIME, "occurred_at " + event.occurredAt() + " is more than "
                    + clock.futureTolerance() + " after the record reached Kafka (" + Instant.ofEpochMilli(appendedAt)
                    + ")", now);
        }
        return new Parsed(new RawEvent(event.eventId(), event.type(), event.program(), event.occurredAt(),
                event.source(), event.identifiers(), payloadJson(event),
                now, input.topic(), input.partition(), input.offset()));
    }

    /** Re-serialised from the parsed tree with the contract's mapper: same JSON, amounts still exact. */
    private static String payloadJson(Event event) {
        return new String(EventJson.toBytes(event.payload()), StandardCharsets.UTF_8);
    }

    /** The contract's reason codes, as closely as Jackson's exception tells them apart. */
    private static RejectReason reasonOf(Throwable cause) {
        if (cause instanceof ValueInstantiationException) {
            return RejectReason.MISSING_FIELD; // the envelope's constructor refuses a missing required field
        }
        if (cause instanceof InvalidFormatException) {
            return RejectReason.INVALID_VALUE; // e.g. an occurred_at that is no instant
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return mismatch.getPath().isEmpty() ? RejectReason.NOT_AN_OBJECT : RejectReason.WRONG_TYPE;
        }
        return RejectReason.INVALID_JSON;
    }

    private static String detailOf(Throwable cause) {
        return cause instanceof JsonProcessingException json ? json.getOriginalMessage() : String.valueOf(cause);
    }

    private static Rejected reject(KafkaInput input, RejectReason reason, String detail, Instant now) {
        return new Rejected(new DeadLetter(input.value(), reason, detail, input.source(), input.position(), now));
    }
}
