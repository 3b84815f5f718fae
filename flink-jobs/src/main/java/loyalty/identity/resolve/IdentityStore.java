package loyalty.identity.resolve;

import java.util.Optional;

/**
 * The state identity resolution reads and changes, one program at a time: which member owns each identifier, the
 * profiles, and the event ids already applied. The Flink operator backs it with keyed state; tests use
 * {@link InMemoryIdentityStore}. Profiles handed out are copies: a change counts once it is {@link #put}.
 */
public interface IdentityStore {

    Optional<Link> link(IdentifierKey identifier);

    void link(IdentifierKey identifier, Link link);

    Optional<MemberProfile> member(String memberId);

    void put(MemberProfile profile);

    boolean applied(String eventId);

    void markApplied(String eventId);
}
