package loyalty.feeds;

import java.util.Map;
import java.util.TreeMap;
import loyalty.contract.validation.Validation;

/** Counts the outcomes of one ingestion, for its report. Not thread-safe: one per ingestion. */
public final class RecordTally {
    private final Map<String, Long> accepted = new TreeMap<>();
    private final Map<String, Long> rejected = new TreeMap<>();
    private long records;
    private long blankLines;

    public void count(Validation validation) {
        records++;
        if (validation instanceof Validation.Accepted a) {
            accepted.merge(a.event().type(), 1L, Long::sum);
        } else if (validation instanceof Validation.Rejected r) {
            rejected.merge(r.reason().code(), 1L, Long::sum);
        }
    }

    public void blankLine() {
        blankLines++;
    }

    public IngestReport report(String source) {
        return new IngestReport(source, records, Map.copyOf(accepted), Map.copyOf(rejected), blankLines);
    }
}
