package loyalty.cdc.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the runner has delivered (counted once Kafka acknowledged it): canonical events per type, dead letters per
 * reason, changes that are not loyalty events, and Debezium heartbeats. Thread-safe.
 */
public final class CdcStats {
    private final Map<String, LongAdder> eventsByType = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> deadLettersByReason = new ConcurrentHashMap<>();
    private final LongAdder filtered = new LongAdder();
    private final LongAdder heartbeats = new LongAdder();

    void event(String type) {
        eventsByType.computeIfAbsent(type, t -> new LongAdder()).increment();
    }

    void deadLetter(String reason) {
        deadLettersByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void filtered() {
        filtered.increment();
    }

    void heartbeat() {
        heartbeats.increment();
    }

    public long events() {
        return eventsByType.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> eventsByType() {
        return snapshot(eventsByType);
    }

    public long deadLetters() {
        return deadLettersByReason.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> deadLettersByReason() {
        return snapshot(deadLettersByReason);
    }

    public long filteredChanges() {
        return filtered.sum();
    }

    public long heartbeats() {
        return heartbeats.sum();
    }

    @Override
    public String toString() {
        return "events=" + eventsByType() + " dead_letters=" + deadLettersByReason() + " filtered=" + filteredChanges()
                + " heartbeats=" + heartbeats();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
