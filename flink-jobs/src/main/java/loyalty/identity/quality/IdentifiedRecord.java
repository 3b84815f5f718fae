package loyalty.identity.quality;

import java.util.Objects;
import loyalty.identity.normalize.NormalizedIdentifiers;

/**
 * One record with its true person and its identifiers after SPEC §3 normalisation (only the valid, non-blocklisted
 * strong ones are in {@link NormalizedIdentifiers#strong()}).
 *
 * @param person the true person, or null (such records link to nothing)
 */
public record IdentifiedRecord(String key, String person, NormalizedIdentifiers identifiers) {

    public IdentifiedRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(identifiers, "identifiers");
    }
}
