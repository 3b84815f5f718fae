package loyalty.identity.resolve;

import static loyalty.identity.resolve.TestEvents.T0;
import static loyalty.identity.resolve.TestEvents.email;
import static loyalty.identity.resolve.TestEvents.enrolled;
import static loyalty.identity.resolve.TestEvents.event;
import static loyalty.identity.resolve.TestEvents.ids;
import static loyalty.identity.resolve.TestEvents.order;
import static org.assertj.core.api.Assertions.assertThat;

import loyalty.contract.event.EventType;
import org.junit.jupiter.api.Test;

/**
 * SPEC §4, §13.11: the referrer named at enrolment is resolved when the referee orders, by the referrer's identifiers
 * as they are held then (normalised as any event's, followed through merges).
 */
class ReferrerTest {
    private final InMemoryIdentityStore store = new InMemoryIdentityStore();
    private final Resolver resolver = new Resolver(store, new RuleBook());

    @Test
    void theReferrerIsWhoeverHoldsTheirIdentifiersWhenTheRefereeOrders() {
        resolver.resolve(event("e2", EventType.MEMBER_ENROLLED, 1, email("ann@x.com"),
                "{\"referred_by\":{\"email\":\" Bob@X.com \"}}"));
        assertThat(resolver.referrerOf("M-e2", T0.plusSeconds(120))).as("bob is not known yet").isEmpty();

        resolver.resolve(enrolled("e1", 3, ids("bob@x.com", null, "C-7", null, null)));

        assertThat(resolver.referrerOf("M-e2", T0.plusSeconds(300))).contains("M-e1");
    }

    @Test
    void aReferrerMergedAwayIsFollowedToTheSurvivor() {
        resolver.resolve(enrolled("e1", 0, email("bob@x.com")));
        resolver.resolve(enrolled("e3", 1, ids(null, null, "C-7", null, null)));
        resolver.resolve(event("e2", EventType.MEMBER_ENROLLED, 2, email("ann@x.com"),
                "{\"referred_by\":{\"card\":\"c 7\"}}"));
        resolver.resolve(order("o1", 3, ids("bob@x.com", null, "C-7", null, null)));  // merges M-e3 into M-e1

        assertThat(resolver.referrerOf("M-e2", T0.plusSeconds(300))).contains("M-e1");
    }

    @Test
    void noReferralNoReferrer() {
        resolver.resolve(enrolled("e1", 0, email("bob@x.com")));

        assertThat(resolver.referrerOf("M-e1", T0.plusSeconds(60))).isEmpty();
        assertThat(resolver.referrerOf("M-nobody", T0.plusSeconds(60))).isEmpty();
        assertThat(resolver.referrerOf(null, T0.plusSeconds(60))).isEmpty();
    }
}
