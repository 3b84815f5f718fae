package loyalty.identity.quality;

import java.util.Objects;

/**
 * One record (a feed event or a CDC row) with the person it truly belongs to and the member identity resolution gave
 * it.
 *
 * @param key    the ground truth's key: the event id of a feed line, {@code table:pk} of a row
 * @param person the true person, or null (rule sets, staff test accounts)
 * @param member the resolved member, or null when the record stayed unattributed
 */
public record ResolvedRecord(String key, String person, String member) {

    public ResolvedRecord {
        Objects.requireNonNull(key, "key");
    }

    /** Only records with both a true person and a member take part in the pairwise measures. */
    public boolean takesPart() {
        return person != null && member != null;
    }
}
