package loyalty.cli.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The live load's events and when each became visible where it counts: on the resolved stream (identity), on the
 * balances topic and in the serving table (orders), on the redemption outcomes topic (redemptions). Times are wall
 * clock milliseconds of this process; an event's {@code occurred_at} is its send time.
 *
 * <p>An order's balance is the first balance of its member with {@code as_of} at or after the order's
 * {@code occurred_at}: the ledger stamps a balance with the time of the event it follows, a member's balances come
 * in order (one partition per member), and nothing later than the order can reach the member before it does (the
 * resolved stream is in event-time order and the ledger's timers follow it). The member is the one the resolved
 * stream names, so a balance read before the order's resolved record is kept until that record comes.
 *
 * <p>Thread-safe: the sender, the topic watcher and the serving poller report here at once.
 */
final class LiveSamples {
    enum Kind { ORDER, REDEMPTION }

    private static final class Sample {
        final Kind kind;
        final boolean measured;
        final long sentMillis;
        final boolean followedToServing;
        String memberId;
        boolean unattributed;
        long resolved = -1;
        long balance = -1;
        long serving = -1;
        long outcome = -1;

        Sample(Kind kind, boolean measured, long sentMillis, boolean followedToServing) {
            this.kind = kind;
            this.measured = measured;
            this.sentMillis = sentMillis;
            this.followedToServing = followedToServing;
        }

        boolean settled(boolean servingToo) {
            if (unattributed) {
                return true;
            }
            return kind == Kind.REDEMPTION ? outcome >= 0
                    : balance >= 0 && (!servingToo || !followedToServing || serving >= 0);
        }
    }

    /** A row version seen for a member: its {@code as_of} and when it was seen. */
    private record Seen(long asOfMillis, long seenMillis) {
    }

    private final boolean serving;
    private final Map<String, Sample> byEvent = new HashMap<>();
    private final Map<String, List<Seen>> balancesByMember = new HashMap<>();
    private final Map<String, List<Sample>> awaitingBalance = new HashMap<>();
    private final Map<String, List<Sample>> awaitingServing = new HashMap<>();

    /** @param serving whether orders also wait for their serving-table row */
    LiveSamples(boolean serving) {
        this.serving = serving;
    }

    /**
     * @param eventId           for a redemption also its redemption id
     * @param followedToServing an order whose serving row is to be watched for too (a sample: each watched member
     *                          is one more key in every poll of the serving table)
     */
    synchronized void sent(String eventId, Kind kind, boolean measured, long sentMillis,
                           boolean followedToServing) {
        byEvent.put(eventId, new Sample(kind, measured, sentMillis, followedToServing));
    }

    /** @param memberId null when resolution attributed the event to no one */
    synchronized void resolved(String eventId, String memberId, long seenMillis) {
        Sample s = byEvent.get(eventId);
        if (s == null || s.resolved >= 0) {
            return; // not a live event, or a repeat (at-least-once)
        }
        s.resolved = seenMillis;
        s.memberId = memberId;
        s.unattributed = memberId == null;
        if (s.unattributed || s.kind != Kind.ORDER) {
            return;
        }
        for (Seen b : balancesByMember.getOrDefault(memberId, List.of())) {
            if (b.asOfMillis() >= s.sentMillis) {
                s.balance = b.seenMillis();
                break;
            }
        }
        if (s.balance < 0) {
            awaitingBalance.computeIfAbsent(memberId, m -> new ArrayList<>()).add(s);
        }
        if (serving && s.followedToServing) {
            awaitingServing.computeIfAbsent(memberId, m -> new ArrayList<>()).add(s);
        }
    }

    synchronized void balance(String memberId, long asOfMillis, long seenMillis) {
        balancesByMember.computeIfAbsent(memberId, m -> new ArrayList<>()).add(new Seen(asOfMillis, seenMillis));
        settle(awaitingBalance, memberId, asOfMillis, s -> s.balance = seenMillis);
    }

    synchronized void servingRow(String memberId, long asOfMillis, long seenMillis) {
        settle(awaitingServing, memberId, asOfMillis, s -> s.serving = seenMillis);
    }

    synchronized void outcome(String redemptionId, long seenMillis) {
        Sample s = byEvent.get(redemptionId);
        if (s != null && s.kind == Kind.REDEMPTION && s.outcome < 0) {
            s.outcome = seenMillis;
        }
    }

    /** Members with an order whose serving row has not been seen yet. */
    synchronized Set<String> awaitingServing() {
        return Set.copyOf(awaitingServing.keySet());
    }

    synchronized long count(boolean measured) {
        return byEvent.values().stream().filter(s -> s.measured == measured).count();
    }

    /** @param servingToo whether an order also needs its serving row (when there are serving tables) */
    synchronized long settled(boolean measured, boolean servingToo) {
        return byEvent.values().stream()
                .filter(s -> s.measured == measured && s.settled(servingToo && serving)).count();
    }

    /**
     * What the measured events came to; an event not visible yet counts as slower than any visible one.
     *
     * @param waitedMs how long the last event was waited for
     */
    synchronized LiveFigures figures(long waitedMs) {
        List<Sample> measured = byEvent.values().stream().filter(s -> s.measured).toList();
        List<Sample> orders = measured.stream().filter(s -> s.kind == Kind.ORDER && !s.unattributed).toList();
        List<Sample> redemptions = measured.stream().filter(s -> s.kind == Kind.REDEMPTION && !s.unattributed)
                .toList();
        return new LiveFigures(
                measured.stream().filter(s -> s.kind == Kind.ORDER).count(),
                measured.stream().filter(s -> s.kind == Kind.REDEMPTION).count(),
                measured.stream().filter(s -> s.unattributed).count(),
                latency(measured, s -> s.resolved, waitedMs),
                latency(orders, s -> s.balance, waitedMs),
                serving ? latency(orders.stream().filter(s -> s.followedToServing).toList(), s -> s.serving,
                        waitedMs) : null,
                latency(redemptions, s -> s.outcome, waitedMs));
    }

    private static void settle(Map<String, List<Sample>> awaiting, String memberId, long asOfMillis,
                               Consumer<Sample> seen) {
        List<Sample> waiting = awaiting.get(memberId);
        if (waiting == null) {
            return;
        }
        for (Iterator<Sample> it = waiting.iterator(); it.hasNext(); ) {
            Sample s = it.next();
            if (s.sentMillis <= asOfMillis) {
                seen.accept(s);
                it.remove();
            }
        }
        if (waiting.isEmpty()) {
            awaiting.remove(memberId);
        }
    }

    private static Latency latency(List<Sample> samples, ToLongFunction<Sample> visibleAt, long waitedMs) {
        long[] visible = samples.stream().filter(s -> visibleAt.applyAsLong(s) >= 0)
                .mapToLong(s -> visibleAt.applyAsLong(s) - s.sentMillis).toArray();
        return Latency.of(visible, samples.size() - visible.length, waitedMs);
    }

    /**
     * What the measured live events came to.
     *
     * @param unattributed events resolution attributed to no member (left out of the latencies)
     * @param resolved     send → readable on the resolved stream: identity resolution's share
     * @param serving      send → the order's balance readable in serving.balances; null without serving tables
     */
    record LiveFigures(long orders, long redemptions, long unattributed, Latency resolved, Latency balance,
                       Latency serving, Latency redemption) {

        /** Events whose balance, serving row or outcome was not visible when the waiting stopped. */
        long notVisible() {
            return notVisible(balance) + notVisible(serving) + notVisible(redemption);
        }

        private static long notVisible(Latency latency) {
            return latency == null ? 0 : latency.notVisible();
        }
    }
}
