package loyalty.generator.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import loyalty.contract.event.OrderCompleted;
import loyalty.contract.event.OrderReturned;
import loyalty.generator.random.Draw;

/**
 * Tills that were offline and upload their sales late: a share of the store sales is moved later in the feed, to
 * where a line written at sale time + delay would be, while {@code occurred_at} stays the sale time. The pipeline
 * then meets an event hours older than the ones around it (SPEC §13.20).
 *
 * <p>Works on the time-ordered events before ids are given, so ids stay in file order and a planted malformed copy
 * still follows its original.
 */
final class LateUploads {
    /** Share of the store sales uploaded late; at least one when there are {@value #MIN_SALES} sales or more. */
    static final double RATE = 0.005;
    static final int MIN_SALES = 50;
    static final Duration MIN_DELAY = Duration.ofHours(2);
    static final Duration MAX_DELAY = Duration.ofHours(48);

    private LateUploads() {
    }

    /**
     * The events in upload order.
     *
     * @param delays each late event (by identity) and how long after the sale it was uploaded
     */
    record Reordered(List<PlannedEvent> events, Map<PlannedEvent, Duration> delays) {
    }

    /** Moves a seeded share of the sales in {@code timeOrdered} (sorted by time) later in the file. */
    static Reordered plant(List<PlannedEvent> timeOrdered, Draw draw) {
        List<Integer> sales = new ArrayList<>();
        for (int i = 0; i < timeOrdered.size(); i++) {
            if (timeOrdered.get(i).payload() instanceof OrderCompleted) {
                sales.add(i);
            }
        }
        int target = sales.size() < MIN_SALES ? 0 : Math.max(1, (int) Math.round(sales.size() * RATE));
        for (int i = sales.size() - 1; i > 0; i--) {
            Collections.swap(sales, i, draw.between(0, i));
        }
        Moves moves = new Moves();
        for (int sale : sales) {
            if (moves.size() == target) {
                break;
            }
            moves.tryMove(timeOrdered, sale,
                    Duration.ofMinutes(draw.between((int) MIN_DELAY.toMinutes(), (int) MAX_DELAY.toMinutes())));
        }
        // A sparse feed (a few sales a week) may have no line 2 h after any drawn delay: the longest delay then
        // gives the best chance that the case is there at all.
        for (int i = 0; i < sales.size() && moves.size() == 0 && target > 0; i++) {
            moves.tryMove(timeOrdered, sales.get(i), MAX_DELAY);
        }
        return moves.apply(timeOrdered);
    }

    /** The chosen moves: each late sale goes right after an anchor that stays in place and carries no other. */
    private static final class Moves {
        final Map<Integer, Integer> saleAfter = new HashMap<>();
        final Map<Integer, Duration> delayOf = new HashMap<>();
        final Set<Integer> used = new HashSet<>();

        int size() {
            return delayOf.size();
        }

        void tryMove(List<PlannedEvent> events, int sale, Duration delay) {
            int anchor = anchor(events, sale, delay);
            if (anchor >= 0 && !used.contains(sale) && !used.contains(anchor)) {
                used.add(sale);
                used.add(anchor);
                saleAfter.put(anchor, sale);
                delayOf.put(sale, delay);
            }
        }

        Reordered apply(List<PlannedEvent> events) {
            List<PlannedEvent> out = new ArrayList<>(events.size());
            Map<PlannedEvent, Duration> delays = new IdentityHashMap<>();
            for (int i = 0; i < events.size(); i++) {
                if (!delayOf.containsKey(i)) {
                    out.add(events.get(i));
                }
                Integer late = saleAfter.get(i);
                if (late != null) {
                    out.add(events.get(late));
                    delays.put(events.get(late), delayOf.get(late));
                }
            }
            return new Reordered(out, delays);
        }
    }

    /**
     * The last event at or before sale time + delay, after which the late line goes; -1 when the line would not land
     * at least {@link #MIN_DELAY} out of order (no event in between), or when the return of that sale would then come
     * before the sale itself (a different case, left out of this one).
     */
    private static int anchor(List<PlannedEvent> events, int sale, Duration delay) {
        Instant soldAt = events.get(sale).at();
        Instant uploadedAt = soldAt.plus(delay);
        int lo = sale;
        int hi = events.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (events.get(mid).at().isAfter(uploadedAt)) {
                hi = mid - 1;
            } else {
                lo = mid;
            }
        }
        if (events.get(lo).at().isBefore(soldAt.plus(MIN_DELAY))) {
            return -1;
        }
        String orderId = ((OrderCompleted) events.get(sale).payload()).orderId();
        for (int i = sale + 1; i <= lo; i++) {
            if (events.get(i).payload() instanceof OrderReturned r && orderId.equals(r.orderId())) {
                return -1;
            }
        }
        return lo;
    }
}
