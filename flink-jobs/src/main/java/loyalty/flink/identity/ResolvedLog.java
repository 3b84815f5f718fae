package loyalty.flink.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.Identifiers;
import loyalty.contract.identity.Resolved;

/**
 * What the resolved stream says, read back: the member each event went to, each merge, and counts by resolution.
 * {@link #finalMember} follows later merges, so it gives the member an event belongs to <em>now</em> — the clusters
 * that resolution quality is measured on. Plain Java: the demo, the bench and tests feed it records they read.
 */
public final class ResolvedLog {
    private final Map<String, String> memberByEvent = new LinkedHashMap<>();
    private final Map<String, String> resolutionByEvent = new HashMap<>();
    private final Map<String, Identifiers> identifiersByEvent = new HashMap<>();
    private final Map<String, String> countryByEvent = new HashMap<>();
    private final Map<String, String> survivorByLoser = new HashMap<>();
    private final Map<String, Long> byResolution = new TreeMap<>();
    private long late;
    private long merges;

    /** Adds one record value of {@code loyalty.identity.resolved}. */
    public void add(byte[] json) {
        Resolved r;
        try {
            r = EventJson.mapper().readValue(json, Resolved.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a resolved record: " + e.getMessage(), e);
        }
        if (Resolved.MERGE.equals(r.kind())) {
            merges++;
            survivorByLoser.put(r.merge().loserId(), r.merge().survivorId());
            return;
        }
        String eventId = r.event().eventId();
        memberByEvent.put(eventId, r.memberId());
        resolutionByEvent.put(eventId, r.resolution());
        identifiersByEvent.put(eventId, r.event().identifiers());
        String country = r.event().payload().path("country").asText(null);
        if (country != null) {
            countryByEvent.put(eventId, country);
        }
        byResolution.merge(r.resolution(), 1L, Long::sum);
        late += r.late() ? 1 : 0;
    }

    /** The member the event belongs to after every merge read so far, or null when it is unattributed. */
    public String finalMember(String eventId) {
        String member = memberByEvent.get(eventId);
        for (int hop = 0; member != null && survivorByLoser.containsKey(member) && hop < 1_000; hop++) {
            member = survivorByLoser.get(member);
        }
        return member;
    }

    /** Whether the stream carried the event (dead-lettered and duplicate events are not on it). */
    /** The event's identifiers as sent (raw), or null when the stream did not carry it. */
    public Identifiers identifiers(String eventId) {
        return identifiersByEvent.get(eventId);
    }

    /** The payload's country (enrolments and profile updates), or null. */
    public String payloadCountry(String eventId) {
        return countryByEvent.get(eventId);
    }

    public boolean has(String eventId) {
        return memberByEvent.containsKey(eventId);
    }

    /** Event id → member at the time it was resolved (null: unattributed or none needed), in reading order. */
    public Map<String, String> memberByEvent() {
        return java.util.Collections.unmodifiableMap(memberByEvent);
    }

    public Map<String, String> resolutionByEvent() {
        return Map.copyOf(resolutionByEvent);
    }

    public Map<String, String> survivorByLoser() {
        return Map.copyOf(survivorByLoser);
    }

    /** Counts by resolution, in name order. */
    public Map<String, Long> byResolution() {
        return java.util.Collections.unmodifiableMap(byResolution);
    }

    public long events() {
        return memberByEvent.size();
    }

    public long late() {
        return late;
    }

    public long merges() {
        return merges;
    }

    public long count(String resolution) {
        return byResolution.getOrDefault(resolution, 0L);
    }
}
