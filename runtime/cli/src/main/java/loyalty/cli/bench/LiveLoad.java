package loyalty.cli.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import loyalty.cli.console.Progress;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventType;
import loyalty.contract.event.OrderCompleted;
import loyalty.contract.event.RedemptionRequested;
import loyalty.contract.publish.EventPublisher;
import loyalty.contract.validation.Validation;
import me.tongfei.progressbar.ProgressBar;

/**
 * The live load: orders and redemption requests of enrolled members, sent at a fixed rate through the validating
 * publisher (the platform's way in), each with its send time as {@code occurred_at}. Members take turns, so each
 * buys again only after all the others have.
 */
final class LiveLoad {
    /** One in this many live events is a redemption request; the others are orders. */
    static final int REDEMPTION_EVERY = 10;
    /** One in this many live events is an order followed to the serving table too. */
    static final int SERVING_EVERY = 20;
    static final String SOURCE = "bench";
    private static final BigDecimal AMOUNT = new BigDecimal("25.00");
    private static final long POINTS = 10;

    private final EventPublisher publisher;
    private final LiveSamples samples;
    private final List<LiveMember> members;
    private final String prefix;
    private long sequence;

    /** @param prefix makes the event, order and redemption ids of this load unique */
    LiveLoad(EventPublisher publisher, LiveSamples samples, List<LiveMember> members, String prefix) {
        this.publisher = publisher;
        this.samples = samples;
        this.members = members;
        this.prefix = prefix;
    }

    /**
     * Sends {@code rate} events a second for {@code length}; falls behind rather than bursting when the publisher
     * is slower than the rate.
     *
     * @return how long the sending took, in seconds
     */
    double send(int rate, Duration length, boolean measured) {
        long total = length.toMillis() * rate / 1000;
        long start = System.nanoTime();
        try (ProgressBar bar = Progress.bar(measured ? "live events (measured)" : "live events (warm-up)", total,
                null, 1)) {
            for (long i = 0; i < total; i++) {
                long wait = start + i * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // keeps the rate: the next event is not due yet
                }
                sendOne(measured);
                bar.step();
            }
            publisher.flush();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void sendOne(boolean measured) {
        long n = sequence++;
        LiveMember member = members.get((int) (n % members.size()));
        String id = prefix + "-" + n;
        long now = System.currentTimeMillis();
        Instant at = Instant.ofEpochMilli(now);
        boolean redemption = n % REDEMPTION_EVERY == REDEMPTION_EVERY - 1;
        Event event = redemption
                ? Event.of(id, EventType.REDEMPTION_REQUESTED, member.program(), at, SOURCE, member.identifiers(),
                        new RedemptionRequested(id, POINTS, null))
                : Event.of(id, EventType.ORDER_COMPLETED, member.program(), at, SOURCE, member.identifiers(),
                        new OrderCompleted(id, AMOUNT, "USD", "store", null));
        samples.sent(id, redemption ? LiveSamples.Kind.REDEMPTION : LiveSamples.Kind.ORDER, measured, now,
                n % SERVING_EVERY == 0);
        if (!(publisher.publish(event, SOURCE, id) instanceof Validation.Accepted)) {
            throw new IllegalStateException("the contract refused live event " + id + ": " + event);
        }
    }
}
