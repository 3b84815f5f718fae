package loyalty.identity.quality;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quality of one identity-resolution run against the ground truth: pairwise precision and recall of the member
 * clusters, recall over what the rules can link, and the counts behind them.
 *
 * @param linkableRecall correct pairs within one linkable component / {@code linkablePairs}
 * @param linkablePairs  pairs of participating records within one linkable component ({@link Linkability})
 * @param examples       up to ten impure members, member id → its persons, the largest share first
 * @param unattributed   records with a true person but no member
 * @param noPerson       records without a true person (not measured)
 */
@com.fasterxml.jackson.databind.annotation.JsonNaming(
        com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IdentityQuality(double precision, double recall, double linkableRecall, long truePairs,
                              long predictedPairs, long correctPairs, long linkablePairs, long persons, long members,
                              long impureMembers, Map<String, List<String>> examples, long unattributed,
                              long noPerson) {

    public IdentityQuality {
        examples = Collections.unmodifiableMap(new LinkedHashMap<>(examples));
    }

    /** Measures {@code records} (the resolver's output joined to the ground truth) against {@code linkability}. */
    public static IdentityQuality measure(Collection<ResolvedRecord> records, Linkability linkability) {
        return of(ClusterQuality.of(records), linkability.recall(records));
    }

    public static IdentityQuality of(ClusterQuality clusters, Linkability.Recall linkable) {
        return new IdentityQuality(clusters.precision(), clusters.recall(), linkable.value(), clusters.truePairs(),
                clusters.predictedPairs(), clusters.correctPairs(), linkable.linkablePairs(), clusters.persons(),
                clusters.members(), clusters.impureMembers(), clusters.examples(), clusters.unattributed(),
                clusters.noPerson());
    }

    /** One line for a log or a bench report. */
    public String describe() {
        return String.format(Locale.ROOT,
                "precision=%.4f recall=%.4f linkable_recall=%.4f pairs(true=%d predicted=%d correct=%d linkable=%d)"
                        + " persons=%d members=%d impure_members=%d unattributed=%d no_person=%d",
                precision, recall, linkableRecall, truePairs, predictedPairs, correctPairs, linkablePairs, persons,
                members, impureMembers, unattributed, noPerson);
    }
}
