package loyalty.flink.raw;

import java.time.Instant;
import loyalty.flink.common.DeadLetters;
import loyalty.flink.common.EventClock;
import loyalty.flink.common.KafkaInput;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Accepted records go on as {@link RawEvent}s; the others leave through the {@link DeadLetters#TAG} side output. */
public final class ParseRawEvents extends ProcessFunction<KafkaInput, RawEvent> {
    private final EventClock clock;

    public ParseRawEvents() {
        this(EventClock.everyEvent());
    }

    /** @param clock says which events are from the future (dead-lettered {@code future_time}) */
    public ParseRawEvents(EventClock clock) {
        this.clock = clock;
    }

    @Override
    public void processElement(KafkaInput input, Context ctx, Collector<RawEvent> out) {
        RawEventParser.Outcome outcome = RawEventParser.parse(input, Instant.now(), clock);
        if (outcome instanceof RawEventParser.Parsed parsed) {
            out.collect(parsed.event());
        } else if (outcome instanceof RawEventParser.Rejected rejected) {
            ctx.output(DeadLetters.TAG, rejected.deadLetter());
        }
    }
}
