package loyalty.feeds;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one ingestion did: records read, accepted per event type, dead-lettered per reason, and blank lines passed
 * over (JSON Lines allows them; they are counted, not treated as records).
 */
public record IngestReport(String source, long records, Map<String, Long> acceptedByType,
                           Map<String, Long> rejectedByReason, long blankLines) {

    public long accepted() {
        return acceptedByType.values().stream().mapToLong(Long::longValue).sum();
    }

    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public static IngestReport empty(String source) {
        return new IngestReport(source, 0, Map.of(), Map.of(), 0);
    }

    /** Sum of several reports, e.g. of every file of one command. */
    public IngestReport plus(IngestReport other) {
        return new IngestReport(source, records + other.records, add(acceptedByType, other.acceptedByType),
                add(rejectedByReason, other.rejectedByReason), blankLines + other.blankLines);
    }

    private static Map<String, Long> add(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> sum = new TreeMap<>(a);
        b.forEach((k, v) -> sum.merge(k, v, Long::sum));
        return sum;
    }
}
