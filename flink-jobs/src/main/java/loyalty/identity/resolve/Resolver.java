package loyalty.identity.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventType;
import loyalty.contract.identity.IdentityConflict;
import loyalty.contract.identity.IdentityMerged;
import loyalty.contract.validation.RejectReason;
import loyalty.identity.normalize.IdentifierNormalizer;
import loyalty.identity.normalize.IdentifierType;
import loyalty.identity.normalize.NormalizedIdentifiers;
import loyalty.identity.normalize.RegionChain;

/**
 * SPEC §3 identity resolution of one program, one event at a time, in the order the caller gives (the Flink job:
 * event time, then event id). A pure function of the store's state and the event: the same events in the same order
 * give the same member ids, links and merges.
 */
public final class Resolver {
    /** SPEC §13.3: only these create a profile; other events from unknown identifiers are unattributed. */
    private static final List<EventType> CREATES_PROFILE =
            List.of(EventType.MEMBER_ENROLLED, EventType.PROFILE_UPDATED, EventType.ORDER_COMPLETED);
    /** SPEC §3 guards: where an event goes when its merge is refused. */
    private static final List<IdentifierType> PRIORITY =
            List.of(IdentifierType.CRM_ID, IdentifierType.CARD, IdentifierType.EMAIL, IdentifierType.PHONE);
    /** Far more than any real chain; a loop in merged_into pointers would be a bug, not data. */
    private static final int MAX_MERGE_HOPS = 64;

    private final IdentityStore store;
    private final RuleBook rules;

    public Resolver(IdentityStore store, RuleBook rules) {
        this.store = store;
        this.rules = rules;
    }

    public Resolution resolve(Event event) {
        if (store.applied(event.eventId())) {
            return Resolution.nothing(Outcome.DUPLICATE, null);
        }
        EventType type = event.eventType();
        if (type == EventType.RULES_PUBLISHED) {
            store.markApplied(event.eventId());
            publish(event);
            return Resolution.nothing(Outcome.NOT_NEEDED, null);
        }
        if (type == EventType.ML_SCORED) {
            store.markApplied(event.eventId());
            Optional<String> member = current(event.payload().path("member_id").asText(""));
            return member.map(m -> Resolution.nothing(Outcome.SCORED, m))
                    .orElseGet(() -> Resolution.nothing(Outcome.UNATTRIBUTED, null));
        }
        IdentityRules settings = rules.at(event.occurredAt());
        String payloadCountry = event.payload().path("country").asText(null);
        NormalizedIdentifiers ids = IdentifierNormalizer.normalize(event.identifiers(), rules.blocklist(settings),
                others -> RegionChain.of(payloadCountry, memberCountry(others), settings.defaultRegion()));
        Optional<RejectReason> deadLetter = IdentifierNormalizer.deadLetterReason(type, ids);
        if (deadLetter.isPresent()) {
            return Resolution.deadLetter(deadLetter.get(), ids.rejected());
        }
        store.markApplied(event.eventId());
        return new Step(event, ids, settings).run();
    }

    /**
     * SPEC §4, §13.11: for an order of a member who enrolled referred by someone, the live member the referrer's
     * identifiers resolve to at the order's time (strongest identifier first: crm_id, card, email, phone); empty when
     * there is no referral or nobody holds them. The ledger pays the bonus if this is the referee's first order.
     */
    public Optional<String> referrerOf(String memberId, Instant at) {
        Optional<MemberProfile> referee = memberId == null ? Optional.empty() : store.member(memberId);
        if (referee.isEmpty() || referee.get().referredBy == null) {
            return Optional.empty();
        }
        IdentityRules settings = rules.at(at);
        NormalizedIdentifiers ids = IdentifierNormalizer.normalize(referee.get().referredBy,
                rules.blocklist(settings),
                others -> RegionChain.of(referee.get().country, memberCountry(others), settings.defaultRegion()));
        for (IdentifierType type : List.of(IdentifierType.CRM_ID, IdentifierType.CARD, IdentifierType.EMAIL,
                IdentifierType.PHONE)) {
            Optional<String> value = ids.get(type);
            if (value.isPresent()) {
                Optional<String> owner = owner(new IdentifierKey(type, value.get()));
                if (owner.isPresent()) {
                    return owner;
                }
            }
        }
        return Optional.empty();
    }

    private void publish(Event event) {
        JsonNode ruleSet = event.payload().get("rule_set");
        Instant effectiveFrom = Instant.parse(event.payload().path("effective_from").asText());
        try {
            rules.publish(IdentityRules.fromRuleSet(ruleSet, effectiveFrom));
        } catch (IllegalArgumentException e) {
            // The ledger rejects an invalid rule set with its errors (issue 5); identity keeps the rules it has.
        }
    }

    /** The live member {@code memberId} is or was merged into. */
    private Optional<String> current(String memberId) {
        String id = memberId;
        for (int hop = 0; hop < MAX_MERGE_HOPS && id != null; hop++) {
            Optional<MemberProfile> p = store.member(id);
            if (p.isEmpty()) {
                return Optional.empty();
            }
            if (p.get().status != MemberStatus.MERGED) {
                return Optional.of(id);
            }
            id = p.get().mergedInto;
        }
        throw new IllegalStateException("merged_into chain too long from " + memberId);
    }

    private Optional<String> owner(IdentifierKey key) {
        return store.link(key).flatMap(l -> current(l.memberId()));
    }

    /** SPEC §13.4: the country of the member the event's crm_id, else card, else email resolves to. */
    private String memberCountry(NormalizedIdentifiers others) {
        for (IdentifierType type : List.of(IdentifierType.CRM_ID, IdentifierType.CARD, IdentifierType.EMAIL)) {
            Optional<String> value = others.get(type);
            if (value.isPresent()) {
                Optional<String> member = owner(new IdentifierKey(type, value.get()));
                if (member.isPresent()) {
                    return store.member(member.get()).map(p -> p.country).orElse(null);
                }
            }
        }
        return null;
    }

    /** The resolution of one event, collecting every change it makes. */
    private final class Step {
        private final Event event;
        private final NormalizedIdentifiers ids;
        private final IdentityRules settings;
        private final Map<String, MemberProfile> changed = new LinkedHashMap<>();
        private final List<LinkChange> links = new ArrayList<>();
        private final List<IdentityMerged> merges = new ArrayList<>();
        private IdentityConflict conflict;

        Step(Event event, NormalizedIdentifiers ids, IdentityRules settings) {
            this.event = event;
            this.ids = ids;
            this.settings = settings;
        }

        Resolution run() {
            List<IdentifierKey> strong = new ArrayList<>();
            ids.strong().forEach((type, value) -> strong.add(new IdentifierKey(type, value)));
            Optional<IdentifierKey> device = ids.device().map(d -> new IdentifierKey(IdentifierType.DEVICE_ID, d));
            if (strong.isEmpty()) {
                Optional<String> member = device.flatMap(Resolver.this::owner);
                if (member.isEmpty()) {
                    return finish(Outcome.UNATTRIBUTED, null);
                }
                applyPayload(profile(member.get()));
                return finish(Outcome.DEVICE, member.get());
            }
            Map<String, MemberProfile> owners = new LinkedHashMap<>();
            List<IdentifierKey> unowned = new ArrayList<>();
            for (IdentifierKey key : strong) {
                Optional<String> owner = owner(key);
                if (owner.isPresent()) {
                    owners.computeIfAbsent(owner.get(), this::profile);
                } else {
                    unowned.add(key);
                }
            }
            if (owners.isEmpty()) {
                return create(strong, device);
            }
            List<MemberProfile> ranked = owners.values().stream().sorted(MemberProfile.SURVIVOR_FIRST).toList();
            Optional<Guards.Refusal> refusal = Guards.check(ranked, unowned, settings);
            if (refusal.isPresent()) {
                return refuse(refusal.get(), ranked, strong);
            }
            MemberProfile survivor = ranked.get(0);
            for (MemberProfile loser : ranked.subList(1, ranked.size())) {
                merge(loser, survivor, strong);
            }
            unowned.forEach(key -> link(key, survivor));
            boolean deviceMoved = device.map(d -> attachDevice(d, survivor)).orElse(false);
            applyPayload(survivor);
            Outcome outcome = ranked.size() > 1 ? Outcome.MERGED
                    : unowned.isEmpty() && !deviceMoved ? Outcome.MATCHED : Outcome.ATTACHED;
            return finish(outcome, survivor.memberId);
        }

        private Resolution create(List<IdentifierKey> strong, Optional<IdentifierKey> device) {
            if (!CREATES_PROFILE.contains(event.eventType())) {
                return finish(Outcome.UNATTRIBUTED, null);
            }
            MemberProfile created = MemberProfile.create("M-" + event.eventId(), event.program(),
                    event.occurredAt(), event.eventId());
            changed.put(created.memberId, created);
            strong.forEach(key -> link(key, created));
            device.ifPresent(d -> attachDevice(d, created));
            applyPayload(created);
            return finish(Outcome.CREATED, created.memberId);
        }

        private Resolution refuse(Guards.Refusal refusal, List<MemberProfile> ranked, List<IdentifierKey> strong) {
            String target = null;
            for (IdentifierType type : PRIORITY) {
                Optional<String> value = ids.get(type);
                Optional<String> owner = value.flatMap(v -> owner(new IdentifierKey(type, v)));
                if (owner.isPresent()) {
                    target = owner.get();
                    break;
                }
            }
            conflict = IdentityConflict.of(event.program(), event.eventId(), event.occurredAt(), refusal.reason(),
                    refusal.detail(), ranked.stream().map(p -> p.memberId).toList(), target,
                    strong.stream().map(IdentifierKey::toString).toList());
            applyPayload(profile(target));
            return finish(Outcome.CONFLICT, target);
        }

        private void merge(MemberProfile loser, MemberProfile survivor, List<IdentifierKey> strong) {
            List<String> shared = strong.stream().filter(loser::has).map(IdentifierKey::toString).toList();
            for (IdentifierKey key : loser.allIdentifiers()) {
                store.link(key).ifPresent(old -> links.add(LinkChange.closed(event.program(), key, old,
                        event.occurredAt(), event.eventId(), LinkChange.MERGED)));
                loser.remove(key);
                link(key, survivor);
            }
            ProfileEffects.absorb(survivor, loser);
            loser.status = MemberStatus.MERGED;
            loser.mergedInto = survivor.memberId;
            loser.mergedAt = event.occurredAt();
            loser.touched(event.occurredAt(), event.eventId());
            survivor.touched(event.occurredAt(), event.eventId());
            merges.add(IdentityMerged.of(event.program(), survivor.memberId, loser.memberId, event.eventId(),
                    event.occurredAt(), shared, survivor.enrolledAt, loser.enrolledAt));
        }

        /** SPEC §3: a device goes to the member of the event's strong identifiers; true when its owner changed. */
        private boolean attachDevice(IdentifierKey device, MemberProfile target) {
            Optional<Link> old = store.link(device);
            if (old.isPresent() && old.get().memberId().equals(target.memberId)) {
                return false;
            }
            if (old.isPresent()) {
                links.add(LinkChange.closed(event.program(), device, old.get(), event.occurredAt(), event.eventId(),
                        LinkChange.DEVICE_MOVED));
                current(old.get().memberId()).map(this::profile).ifPresent(previous -> {
                    previous.remove(device);
                    previous.touched(event.occurredAt(), event.eventId());
                });
            }
            link(device, target);
            return true;
        }

        private void link(IdentifierKey key, MemberProfile member) {
            Link link = new Link(member.memberId, event.occurredAt(), event.eventId());
            store.link(key, link);
            member.add(key);
            member.touched(event.occurredAt(), event.eventId());
            changed.putIfAbsent(member.memberId, member);
            links.add(LinkChange.opened(event.program(), key, link));
        }

        private void applyPayload(MemberProfile member) {
            if (ProfileEffects.apply(member, event)) {
                member.touched(event.occurredAt(), event.eventId());
                changed.putIfAbsent(member.memberId, member);
            }
        }

        /** The working copy of a member for this event: read once, changed in place, written back at the end. */
        private MemberProfile profile(String memberId) {
            MemberProfile p = changed.get(memberId);
            if (p == null) {
                p = store.member(memberId).orElseThrow(() -> new IllegalStateException("no profile " + memberId));
                changed.put(memberId, p);
            }
            return p;
        }

        private Resolution finish(Outcome outcome, String memberId) {
            List<MemberProfile> touched = changed.values().stream()
                    .filter(p -> event.eventId().equals(p.updatedByEvent)).toList();
            touched.forEach(store::put);
            return new Resolution(outcome, memberId, ids.rejected(), null, touched, links, merges, conflict);
        }
    }
}
