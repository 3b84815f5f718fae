package loyalty.identity.normalize;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.validation.RejectReason;

/**
 * SPEC §3 normalisation of all the identifiers of one event, and the dead-letter rule of SPEC §13.5 that follows from
 * the result. Each strong identifier is normalised by its own rule and then checked against the blocklist; an invalid
 * or blocked one is ignored and listed in {@link NormalizedIdentifiers#rejected()}.
 */
public final class IdentifierNormalizer {

    private IdentifierNormalizer() {
    }

    /** Normalises with a region chain that is already complete (the member's country known or not needed). */
    public static NormalizedIdentifiers normalize(Identifiers raw, RegionChain regions, Blocklist blocklist) {
        return normalize(raw, blocklist, others -> regions);
    }

    /**
     * Normalises the phone last, in the region chain {@code regionsFor} builds from the event's other identifiers
     * (already normalised and checked, phone absent): SPEC §13.4 falls back to the country of the member they resolve
     * to, which identity resolution looks up in between.
     */
    public static NormalizedIdentifiers normalize(Identifiers raw, Blocklist blocklist,
            Function<NormalizedIdentifiers, RegionChain> regionsFor) {
        Map<IdentifierType, String> strong = new EnumMap<>(IdentifierType.class);
        List<Rejected> rejected = new ArrayList<>();
        if (present(raw.email())) {
            take(IdentifierType.EMAIL, raw.email(), EmailNormalizer.normalize(raw.email()), blocklist, strong, rejected);
        }
        if (present(raw.card())) {
            take(IdentifierType.CARD, raw.card(), CardNormalizer.normalize(raw.card()), blocklist, strong, rejected);
        }
        if (present(raw.crmId())) {
            take(IdentifierType.CRM_ID, raw.crmId(), Normalized.valid(CrmIdNormalizer.normalize(raw.crmId())), blocklist,
                    strong, rejected);
        }
        String device = present(raw.deviceId()) ? raw.deviceId().strip() : null;
        if (present(raw.phone())) {
            if (blocklist.blocksRawPhone(raw.phone())) {
                rejected.add(new Rejected(IdentifierType.PHONE, raw.phone(), RejectionReason.BLOCKLISTED,
                        "phone is one repeated digit"));
            } else {
                RegionChain regions = regionsFor.apply(new NormalizedIdentifiers(strong, device, rejected));
                take(IdentifierType.PHONE, raw.phone(), PhoneNormalizer.normalize(raw.phone(), regions), blocklist,
                        strong, rejected);
            }
        }
        rejected.sort((a, b) -> a.type().compareTo(b.type()));
        return new NormalizedIdentifiers(strong, device, rejected);
    }

    /**
     * The dead-letter reason SPEC §13.5 gives an event with these identifiers, or empty when it goes on:
     * {@code no_identifier} when nothing was sent, {@code no_usable_identifier} when every strong identifier was
     * invalid or blocked and there is no device id. A device-only event goes on (to the device's member, or counted
     * as unattributed). {@code rules.published} and {@code ml.scored} need no identifier.
     */
    public static Optional<RejectReason> deadLetterReason(EventType type, NormalizedIdentifiers ids) {
        if (!type.needsIdentifier() || ids.hasStrong() || ids.device().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(ids.rejected().isEmpty() ? RejectReason.NO_IDENTIFIER : RejectReason.NO_USABLE_IDENTIFIER);
    }

    private static void take(IdentifierType type, String raw, Normalized result, Blocklist blocklist,
            Map<IdentifierType, String> strong, List<Rejected> rejected) {
        if (!result.isValid()) {
            rejected.add(new Rejected(type, raw, result.reason(), result.detail()));
            return;
        }
        String value = result.value().orElseThrow();
        Optional<String> blocked = blocklist.blocks(type, value);
        if (blocked.isPresent()) {
            rejected.add(new Rejected(type, raw, RejectionReason.BLOCKLISTED, blocked.get()));
        } else {
            strong.put(type, value);
        }
    }

    private static boolean present(String raw) {
        return raw != null && !raw.isBlank();
    }
}
