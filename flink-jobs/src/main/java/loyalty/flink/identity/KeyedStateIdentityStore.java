package loyalty.flink.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.Optional;
import loyalty.contract.event.EventJson;
import loyalty.identity.resolve.IdentifierKey;
import loyalty.identity.resolve.IdentityStore;
import loyalty.identity.resolve.Link;
import loyalty.identity.resolve.MemberProfile;
import org.apache.flink.api.common.state.MapState;

/**
 * {@link IdentityStore} over the keyed state of the current program: one map entry per identifier (its current
 * link), one per member (the profile as JSON, which keeps state readable across versions of the class) and one per
 * applied event id (with a TTL). On RocksDB each entry is its own key, so a program's state need not fit in memory.
 */
final class KeyedStateIdentityStore implements IdentityStore {
    private static final char SEP = '\u001f';

    private final MapState<String, String> links;
    private final MapState<String, String> members;
    private final MapState<String, Boolean> applied;

    KeyedStateIdentityStore(MapState<String, String> links, MapState<String, String> members,
                            MapState<String, Boolean> applied) {
        this.links = links;
        this.members = members;
        this.applied = applied;
    }

    @Override
    public Optional<Link> link(IdentifierKey identifier) {
        String v = get(links, identifier.toString());
        if (v == null) {
            return Optional.empty();
        }
        int a = v.indexOf(SEP);
        int b = v.indexOf(SEP, a + 1);
        return Optional.of(new Link(v.substring(0, a), Instant.parse(v.substring(a + 1, b)), v.substring(b + 1)));
    }

    @Override
    public void link(IdentifierKey identifier, Link link) {
        put(links, identifier.toString(), link.memberId() + SEP + link.since() + SEP + link.sinceEvent());
    }

    @Override
    public Optional<MemberProfile> member(String memberId) {
        String json = get(members, memberId);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventJson.mapper().readValue(json, MemberProfile.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable profile " + memberId + " in state: " + e.getMessage(), e);
        }
    }

    @Override
    public void put(MemberProfile profile) {
        try {
            put(members, profile.memberId, EventJson.mapper().writeValueAsString(profile));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean applied(String eventId) {
        return get(applied, eventId) != null;
    }

    @Override
    public void markApplied(String eventId) {
        put(applied, eventId, Boolean.TRUE);
    }

    private static <V> V get(MapState<String, V> state, String key) {
        try {
            return state.get(key);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read identity state: " + e.getMessage(), e);
        }
    }

    private static <V> void put(MapState<String, V> state, String key, V value) {
        try {
            state.put(key, value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write identity state: " + e.getMessage(), e);
        }
    }
}
