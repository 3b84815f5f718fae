package loyalty.identity.resolve;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import loyalty.contract.identity.IdentityConflict;
import loyalty.identity.normalize.IdentifierType;

/**
 * SPEC §3 guards, with §13.6: the members an event would join, plus the identifiers it would attach, must not hold
 * two different crm_ids, nor more identifiers of a type than the rule set allows. All or nothing.
 */
final class Guards {
    private Guards() {
    }

    /** Why the union of {@code members} and {@code newIdentifiers} is refused, or empty when it is allowed. */
    static Optional<Refusal> check(Collection<MemberProfile> members, List<IdentifierKey> newIdentifiers,
                                   IdentityRules rules) {
        for (IdentifierType type : List.of(IdentifierType.CRM_ID, IdentifierType.EMAIL, IdentifierType.PHONE,
                IdentifierType.CARD)) {
            TreeSet<String> union = new TreeSet<>();
            members.forEach(m -> union.addAll(m.identifiers(type)));
            newIdentifiers.stream().filter(k -> k.type() == type).forEach(k -> union.add(k.value()));
            int limit = rules.limit(type);
            if (union.size() > limit) {
                return Optional.of(type == IdentifierType.CRM_ID
                        ? new Refusal(IdentityConflict.CRM_ID_MISMATCH, "crm_ids " + String.join(", ", union))
                        : new Refusal(IdentityConflict.LIMIT_EXCEEDED,
                                type.wireName() + "s " + union.size() + " > " + limit));
            }
        }
        return Optional.empty();
    }

    record Refusal(String reason, String detail) {
    }
}
