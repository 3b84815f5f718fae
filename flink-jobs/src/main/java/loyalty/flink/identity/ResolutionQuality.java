package loyalty.flink.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import loyalty.contract.event.Identifiers;
import loyalty.identity.normalize.Blocklist;
import loyalty.identity.normalize.IdentifierNormalizer;
import loyalty.identity.normalize.RegionChain;
import loyalty.identity.quality.IdentifiedRecord;
import loyalty.identity.quality.IdentityQuality;
import loyalty.identity.quality.Linkability;
import loyalty.identity.quality.ResolvedRecord;

/**
 * Joins the resolved stream to a ground truth (the true person behind each event) and measures the member clusters:
 * pairwise precision and recall, and recall over what SPEC §3's rules could link at all. Only events the stream
 * carries take part (dead-lettered ones are not there); an event without a member counts as unattributed.
 */
public final class ResolutionQuality {
    private ResolutionQuality() {
    }

    /** One event of the ground truth: its id, its true person (null: not a person) and its raw identifiers. */
    public record PersonEvent(String eventId, String person, Identifiers identifiers, String payloadCountry) {
    }

    /**
     * Measures the events the stream carried against {@code personByEvent} (event id → true person, null for none),
     * taking each event's identifiers from the stream itself.
     */
    public static IdentityQuality measure(Map<String, String> personByEvent, ResolvedLog log, Blocklist blocklist,
                                          String defaultRegion) {
        List<PersonEvent> truth = new ArrayList<>();
        personByEvent.forEach((eventId, person) -> {
            if (log.has(eventId)) {
                truth.add(new PersonEvent(eventId, person, log.identifiers(eventId), log.payloadCountry(eventId)));
            }
        });
        return measure(truth, log, blocklist, defaultRegion);
    }

    /**
     * @param blocklist     the blocklist the run used, so that blocked identifiers do not count as linkable
     * @param defaultRegion the region of phone numbers without a country (the rule set's default_region)
     */
    public static IdentityQuality measure(Collection<PersonEvent> truth, ResolvedLog log, Blocklist blocklist,
                                          String defaultRegion) {
        List<IdentifiedRecord> identified = new ArrayList<>();
        List<ResolvedRecord> resolved = new ArrayList<>();
        for (PersonEvent e : truth) {
            if (!log.has(e.eventId())) {
                continue;
            }
            identified.add(new IdentifiedRecord(e.eventId(), e.person(), IdentifierNormalizer.normalize(
                    e.identifiers(), RegionChain.of(e.payloadCountry(), null, defaultRegion), blocklist)));
            resolved.add(new ResolvedRecord(e.eventId(), e.person(), log.finalMember(e.eventId())));
        }
        return IdentityQuality.measure(resolved, Linkability.of(identified));
    }
}
