package loyalty.generator.truth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import loyalty.generator.feed.FeedLine;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.operational.OperationalChange;

/** Builds the ground-truth records: one per operational row, one per distinct feed event id. */
public final class GroundTruth {
    private GroundTruth() {
    }

    public static List<GroundTruthRecord> of(List<OperationalChange> changes, Map<FeedSource, List<FeedLine>> feeds) {
        List<GroundTruthRecord> out = new ArrayList<>();
        Map<String, RowTruth> rows = new LinkedHashMap<>();
        for (OperationalChange change : changes) {
            RowTruth row = rows.computeIfAbsent(change.key(), k -> new RowTruth(change));
            change.expectedEvent().ifPresent(type -> row.events.add(type.wireName()));
        }
        for (Map.Entry<String, RowTruth> row : rows.entrySet()) {
            OperationalChange first = row.getValue().first;
            out.add(new GroundTruthRecord(GroundTruthRecord.CDC, row.getKey(), first.program(), first.personId(), null,
                    null, null, null, null, List.copyOf(row.getValue().events)));
        }
        for (FeedSource source : FeedSource.values()) {
            Map<String, LineTruth> lines = new LinkedHashMap<>();
            for (FeedLine line : feeds.getOrDefault(source, List.of())) {
                lines.computeIfAbsent(line.eventId(), id -> new LineTruth(line)).copies++;
            }
            for (LineTruth t : lines.values()) {
                FeedLine l = t.first;
                String expect = l.kind() == FeedLine.Kind.MALFORMED ? l.reason().code() : GroundTruthRecord.VALID;
                out.add(new GroundTruthRecord(source.code(), l.eventId(), l.program(), l.personId(), l.type(),
                        l.lineNumber(), expect, l.fault(), t.copies, null));
            }
        }
        return out;
    }

    private static final class RowTruth {
        final OperationalChange first;
        final List<String> events = new ArrayList<>(2);

        RowTruth(OperationalChange first) {
            this.first = first;
        }
    }

    private static final class LineTruth {
        final FeedLine first;
        int copies;

        LineTruth(FeedLine first) {
            this.first = first;
        }
    }
}
