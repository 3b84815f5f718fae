package loyalty.identity.resolve;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Plain maps: for tests, the bench's reference run and anything that resolves a bounded history in one process. */
public final class InMemoryIdentityStore implements IdentityStore {
    private final Map<IdentifierKey, Link> links = new HashMap<>();
    private final Map<String, MemberProfile> members = new HashMap<>();
    private final Set<String> applied = new HashSet<>();

    @Override
    public Optional<Link> link(IdentifierKey identifier) {
        return Optional.ofNullable(links.get(identifier));
    }

    @Override
    public void link(IdentifierKey identifier, Link link) {
        links.put(identifier, link);
    }

    @Override
    public Optional<MemberProfile> member(String memberId) {
        return Optional.ofNullable(members.get(memberId)).map(MemberProfile::copy);
    }

    @Override
    public void put(MemberProfile profile) {
        members.put(profile.memberId, profile.copy());
    }

    @Override
    public boolean applied(String eventId) {
        return applied.contains(eventId);
    }

    @Override
    public void markApplied(String eventId) {
        applied.add(eventId);
    }

    public Map<String, MemberProfile> members() {
        return Map.copyOf(members);
    }
}
