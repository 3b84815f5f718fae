package loyalty.identity.resolve;

import java.util.List;
import loyalty.contract.identity.IdentityConflict;
import loyalty.contract.identity.IdentityMerged;
import loyalty.contract.validation.RejectReason;
import loyalty.identity.normalize.Rejected;

/**
 * What resolving one event did: where it goes, and every change to write out (profiles as they are now, link
 * history rows, merges and the conflict).
 *
 * @param memberId         the member the event belongs to, or null
 * @param ignored          the event's strong identifiers that were invalid or blocklisted (counted, not fatal)
 * @param deadLetterReason for {@link Outcome#DEAD_LETTER}: the reason code
 * @param members          profiles created or changed, as they are after the event (losers included)
 */
public record Resolution(Outcome outcome, String memberId, List<Rejected> ignored, RejectReason deadLetterReason,
                         List<MemberProfile> members, List<LinkChange> links, List<IdentityMerged> merges,
                         IdentityConflict conflict) {

    public Resolution {
        ignored = List.copyOf(ignored);
        members = List.copyOf(members);
        links = List.copyOf(links);
        merges = List.copyOf(merges);
    }

    static Resolution nothing(Outcome outcome, String memberId) {
        return new Resolution(outcome, memberId, List.of(), null, List.of(), List.of(), List.of(), null);
    }

    static Resolution deadLetter(RejectReason reason, List<Rejected> ignored) {
        return new Resolution(Outcome.DEAD_LETTER, null, ignored, reason, List.of(), List.of(), List.of(), null);
    }
}
