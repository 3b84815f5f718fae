package loyalty.contract.publish;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import loyalty.contract.validation.RejectReason;

/** Counts of what a publisher accepted (per event type) and dead-lettered (per reason). Thread-safe. */
public final class PublishStats {
    private final Map<String, LongAdder> acceptedByType = new ConcurrentHashMap<>();
    private final Map<RejectReason, LongAdder> rejectedByReason = new ConcurrentHashMap<>();

    void accepted(String type) {
        acceptedByType.computeIfAbsent(type, t -> new LongAdder()).increment();
    }

    void rejected(RejectReason reason) {
        rejectedByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public long accepted() {
        return acceptedByType.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> acceptedByType() {
        Map<String, Long> out = new TreeMap<>();
        acceptedByType.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public Map<String, Long> rejectedByReason() {
        Map<String, Long> out = new TreeMap<>();
        rejectedByReason.forEach((k, v) -> out.put(k.code(), v.sum()));
        return out;
    }
}
