package loyalty.ml.features;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which member a merged member's history belongs to. As of a cutoff only merges that had happened count
 * (merged_at ≤ cutoff): a member merged later was still a member of its own then. Merges chain (a loser's
 * survivor may lose in turn), so the root is followed to the end. Plain Java: the merged members are few.
 */
public final class MergeGroups {
    /** One merged member: who it went into and when. */
    public record Merge(String memberId, String mergedInto, Instant mergedAt) {
    }

    private final Map<String, Merge> merges = new HashMap<>();

    public MergeGroups(List<Merge> merges) {
        merges.forEach(m -> this.merges.put(m.memberId(), m));
    }

    /** The member that holds {@code memberId}'s history at {@code asOf}; null {@code asOf} follows every merge. */
    public String rootOf(String memberId, Instant asOf) {
        String current = memberId;
        for (int hops = 0; hops <= merges.size(); hops++) {
            Merge merge = merges.get(current);
            if (merge == null || merge.mergedInto() == null
                    || (asOf != null && (merge.mergedAt() == null || merge.mergedAt().isAfter(asOf)))) {
                return current;
            }
            current = merge.mergedInto();
        }
        throw new IllegalStateException("merge cycle through member " + memberId);
    }

    /** Rows (member_id, feature_key, label_key) for every merged member: the others are their own key. */
    public List<String[]> keys(Instant cutoff) {
        List<String[]> rows = new ArrayList<>();
        for (String member : merges.keySet()) {
            rows.add(new String[] {member, rootOf(member, cutoff), rootOf(member, null)});
        }
        return rows;
    }
}
