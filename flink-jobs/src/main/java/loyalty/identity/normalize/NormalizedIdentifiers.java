package loyalty.identity.normalize;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An event's identifiers after SPEC §3: the valid strong ones by type, the device id, and the strong ones that were
 * ignored. Blank raw values count as absent (as in the contract's validation), neither valid nor rejected.
 *
 * @param strong   valid, not blocklisted, normalised; only strong types as keys
 * @param deviceId trimmed device id, or null
 * @param rejected invalid or blocklisted strong identifiers, in type order
 */
public record NormalizedIdentifiers(Map<IdentifierType, String> strong, String deviceId, List<Rejected> rejected) {

    public NormalizedIdentifiers {
        EnumMap<IdentifierType, String> copy = new EnumMap<>(IdentifierType.class);
        copy.putAll(strong);
        if (copy.keySet().stream().anyMatch(t -> !t.isStrong())) {
            throw new IllegalArgumentException("only strong identifiers go in 'strong': " + copy.keySet());
        }
        strong = Collections.unmodifiableMap(copy);
        rejected = List.copyOf(rejected);
    }

    public Optional<String> get(IdentifierType type) {
        return type == IdentifierType.DEVICE_ID ? device() : Optional.ofNullable(strong.get(type));
    }

    public Optional<String> device() {
        return Optional.ofNullable(deviceId);
    }

    /** At least one valid strong identifier: the event can be resolved to a member, or create one. */
    public boolean hasStrong() {
        return !strong.isEmpty();
    }

    /** Nothing at all was sent: no strong identifier (valid or not) and no device. */
    public boolean isEmpty() {
        return strong.isEmpty() && deviceId == null && rejected.isEmpty();
    }

    /**
     * The highest-priority valid identifier (crm_id > card > email > phone), which decides where an event goes when a
     * merge is refused (SPEC §3 guards) and whose member's country is the phone's fallback region (SPEC §13.4).
     */
    public Optional<Map.Entry<IdentifierType, String>> highestPriority() {
        for (IdentifierType type : List.of(IdentifierType.CRM_ID, IdentifierType.CARD, IdentifierType.EMAIL,
                IdentifierType.PHONE)) {
            if (strong.containsKey(type)) {
                return Optional.of(Map.entry(type, strong.get(type)));
            }
        }
        return Optional.empty();
    }
}
