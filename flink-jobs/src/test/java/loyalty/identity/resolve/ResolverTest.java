package loyalty.identity.resolve;

import static loyalty.identity.resolve.TestEvents.email;
import static loyalty.identity.resolve.TestEvents.enrolled;
import static loyalty.identity.resolve.TestEvents.event;
import static loyalty.identity.resolve.TestEvents.ids;
import static loyalty.identity.resolve.TestEvents.order;
import static loyalty.identity.resolve.TestEvents.profileUpdated;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import loyalty.contract.event.EventType;
import loyalty.contract.identity.IdentityConflict;
import loyalty.contract.identity.IdentityMerged;
import loyalty.identity.normalize.IdentifierType;
import org.junit.jupiter.api.Test;

class ResolverTest {
    private final InMemoryIdentityStore store = new InMemoryIdentityStore();
    private final Resolver resolver = new Resolver(store, new RuleBook());

    private MemberProfile member(String id) {
        return store.member(id).orElseThrow();
    }

    @Test
    void firstSightingCreatesAProfileNamedAfterTheEvent() {
        Resolution r = resolver.resolve(order("o1", 0, ids("Bob@X.com", "(415) 555-0100", "c-1 2", null, "d-9")));

        assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(r.memberId()).isEqualTo("M-o1");
        MemberProfile m = member("M-o1");
        assertThat(m.status).isEqualTo(MemberStatus.PROSPECT);
        assertThat(m.emails).containsExactly("bob@x.com");
        assertThat(m.phones).containsExactly("+14155550100");
        assertThat(m.cards).containsExactly("C12");
        assertThat(m.devices).containsExactly("d-9");
        assertThat(r.links()).hasSize(4).allMatch(l -> l.validTo() == null && l.linkedByEvent().equals("o1"));
        assertThat(r.members()).extracting(p -> p.memberId).containsExactly("M-o1");
    }

    @Test
    void knownIdentifierInAnotherFormatMatchesAndNewOnesAttach() {
        resolver.resolve(enrolled("e1", 0, email("bob@x.com")));

        Resolution same = resolver.resolve(order("o1", 1, email("  BOB@x.COM ")));
        Resolution more = resolver.resolve(order("o2", 2, ids("bob@x.com", "415-555-0100", null, null, null)));

        assertThat(same.outcome()).isEqualTo(Outcome.MATCHED);
        assertThat(same.memberId()).isEqualTo("M-e1");
        assertThat(same.members()).isEmpty();
        assertThat(same.links()).isEmpty();
        assertThat(more.outcome()).isEqualTo(Outcome.ATTACHED);
        assertThat(member("M-e1").phones).containsExactly("+14155550100");
        assertThat(member("M-e1").status).isEqualTo(MemberStatus.ACTIVE);
    }

    @Test
    void twoWayMergeKeepsTheEarliestEnrolledEvenIfCreatedLater() {
        resolver.resolve(order("o1", 0, ids(null, "+14155550100", null, null, null)));   // prospect, created first
        resolver.resolve(enrolled("e2", 5, email("ann@x.com")));                       // enrolled

        Resolution r = resolver.resolve(order("o3", 9, ids("ann@x.com", "+14155550100", "C-7", null, null)));

        assertThat(r.outcome()).isEqualTo(Outcome.MERGED);
        assertThat(r.memberId()).isEqualTo("M-e2");
        assertThat(r.merges()).singleElement().satisfies(m -> {
            assertThat(m.survivorId()).isEqualTo("M-e2");
            assertThat(m.loserId()).isEqualTo("M-o1");
            assertThat(m.eventId()).isEqualTo("o3");
            assertThat(m.identifiers()).containsExactly("phone:+14155550100");
            assertThat(m.welcomeClawback()).isFalse();
        });
        MemberProfile loser = member("M-o1");
        assertThat(loser.status).isEqualTo(MemberStatus.MERGED);
        assertThat(loser.mergedInto).isEqualTo("M-e2");
        assertThat(loser.allIdentifiers()).isEmpty();
        assertThat(member("M-e2").allIdentifiers()).extracting(Object::toString)
                .containsExactlyInAnyOrder("email:ann@x.com", "phone:+14155550100", "card:C7");
        // the phone's old link is closed by the merge and a new one opened for the survivor
        assertThat(r.links()).filteredOn(l -> l.identifier().type() == IdentifierType.PHONE)
                .extracting(LinkChange::memberId, LinkChange::endReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("M-o1", LinkChange.MERGED),
                        org.assertj.core.groups.Tuple.tuple("M-e2", null));
        // later events with the loser's identifiers go straight to the survivor
        assertThat(resolver.resolve(order("o4", 20, ids(null, "415 555 0100", null, null, null))).memberId())
                .isEqualTo("M-e2");
    }

    @Test
    void bothEnrolledMergeTakesBackTheSecondWelcome() {
        resolver.resolve(enrolled("e1", 0, email("a@x.com")));
        resolver.resolve(enrolled("e2", 1, ids(null, null, "C1", null, null)));

        Resolution r = resolver.resolve(order("o3", 2, ids("a@x.com", null, "C1", null, null)));

        assertThat(r.merges()).singleElement().satisfies(m -> {
            assertThat(m.survivorId()).isEqualTo("M-e1");
            assertThat(m.welcomeClawback()).isTrue();
            assertThat(m.loserEnrolledAt()).isEqualTo(TestEvents.T0.plusSeconds(60));
        });
    }

    @Test
    void threeWayMergeIsOneStepIntoTheSurvivor() {
        resolver.resolve(order("o1", 0, email("a@x.com")));
        resolver.resolve(order("o2", 1, ids(null, "+14155550101", null, null, null)));
        resolver.resolve(order("o3", 2, ids(null, null, "C9", null, null)));

        Resolution r = resolver.resolve(order("o4", 3, ids("a@x.com", "+14155550101", "C9", null, null)));

        assertThat(r.outcome()).isEqualTo(Outcome.MERGED);
        assertThat(r.memberId()).isEqualTo("M-o1");
        assertThat(r.merges()).extracting(IdentityMerged::loserId).containsExactly("M-o2", "M-o3");
        assertThat(member("M-o1").allIdentifiers()).hasSize(3);
    }

    @Test
    void chainOfEventsJoinsThreeAccountsStepByStep() {
        resolver.resolve(enrolled("e1", 0, email("one@x.com")));
        resolver.resolve(enrolled("e2", 1, email("two@x.com")));
        resolver.resolve(enrolled("e3", 2, email("three@x.com")));

        resolver.resolve(order("o1", 3, ids("one@x.com", "+14155550102", null, null, null)));
        resolver.resolve(order("o2", 4, ids("two@x.com", "+14155550102", null, null, null)));   // joins 2 into 1
        Resolution last = resolver.resolve(order("o3", 5, ids("three@x.com", null, "C3", null, null)));
        Resolution chain = resolver.resolve(order("o4", 6, ids("two@x.com", null, "C3", null, null)));

        assertThat(last.memberId()).isEqualTo("M-e3");
        assertThat(chain.outcome()).isEqualTo(Outcome.MERGED);
        assertThat(chain.merges()).singleElement().extracting(IdentityMerged::loserId).isEqualTo("M-e3");
        assertThat(member("M-e2").mergedInto).isEqualTo("M-e1");
        assertThat(member("M-e1").emails).containsExactlyInAnyOrder("one@x.com", "two@x.com", "three@x.com");
    }

    @Test
    void differentCrmIdsRefuseTheMergeAndTheEventGoesToTheHighestPriorityIdentifier() {
        resolver.resolve(enrolled("e1", 0, ids("a@x.com", null, null, "42", null)));
        resolver.resolve(enrolled("e2", 1, ids(null, null, "C5", "43", null)));

        Resolution r = resolver.resolve(order("o3", 2, ids("a@x.com", "+14155550103", "C5", null, null)));

        assertThat(r.outcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(r.memberId()).isEqualTo("M-e2");   // card outranks email
        assertThat(r.merges()).isEmpty();
        IdentityConflict c = r.conflict();
        assertThat(c.reason()).isEqualTo(IdentityConflict.CRM_ID_MISMATCH);
        assertThat(c.members()).containsExactly("M-e1", "M-e2");
        assertThat(c.assignedTo()).isEqualTo("M-e2");
        // the new phone was not attached to anyone
        assertThat(store.link(new IdentifierKey(IdentifierType.PHONE, "+14155550103"))).isEmpty();
        assertThat(member("M-e1").status).isEqualTo(MemberStatus.ACTIVE);
    }

    @Test
    void aSecondCrmIdIsNotAttached() {
        resolver.resolve(enrolled("e1", 0, ids("a@x.com", null, null, "42", null)));

        Resolution r = resolver.resolve(profileUpdated("p2", 1, ids("a@x.com", null, null, "43", null), "{}"));

        assertThat(r.outcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(r.memberId()).isEqualTo("M-e1");
        assertThat(member("M-e1").crmIds).containsExactly("42");
        assertThat(store.link(new IdentifierKey(IdentifierType.CRM_ID, "43"))).isEmpty();
    }

    @Test
    void perTypeLimitRefusesAttachingAFourthEmailAndAMergeOverTheLimit() {
        resolver.resolve(enrolled("e1", 0, ids("a1@x.com", null, "C1", null, null)));
        resolver.resolve(order("o2", 1, ids("a2@x.com", null, "C1", null, null)));
        resolver.resolve(order("o3", 2, ids("a3@x.com", null, "C1", null, null)));

        Resolution fourth = resolver.resolve(order("o4", 3, ids("a4@x.com", null, "C1", null, null)));

        assertThat(fourth.outcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(fourth.conflict().reason()).isEqualTo(IdentityConflict.LIMIT_EXCEEDED);
        assertThat(fourth.conflict().detail()).isEqualTo("emails 4 > 3");
        assertThat(member("M-e1").emails).hasSize(3);

        resolver.resolve(order("o5", 4, ids("b@x.com", "+14155550104", null, null, null)));
        Resolution merge = resolver.resolve(order("o6", 5, ids(null, "+14155550104", "C1", null, null)));
        assertThat(merge.outcome()).isEqualTo(Outcome.CONFLICT);   // 3 + 1 emails would be 4
        assertThat(merge.memberId()).isEqualTo("M-e1");
    }

    @Test
    void aPublishedRuleSetChangesTheLimitsFromItsEffectiveTime() {
        resolver.resolve(event("r1", EventType.RULES_PUBLISHED, 0, TestEvents.ids(null, null, null, null, null),
                "{\"effective_from\":\"2026-01-01T00:10:00Z\",\"rule_set\":{\"version\":\"2\","
                        + "\"identity\":{\"max_cards\":1}}}"));
        resolver.resolve(order("o1", 1, ids(null, "+14155550105", "C1", null, null)));

        Resolution before = resolver.resolve(order("o2", 2, ids(null, "+14155550105", "C2", null, null)));
        Resolution after = resolver.resolve(order("o3", 11, ids(null, "+14155550105", "C3", null, null)));

        assertThat(before.outcome()).isEqualTo(Outcome.ATTACHED);
        assertThat(after.outcome()).isEqualTo(Outcome.CONFLICT);
    }

    @Test
    void deviceAttachesToTheStrongMemberAndCarriesDeviceOnlyEvents() {
        Resolution unknownDevice = resolver.resolve(event("g0", EventType.ENGAGEMENT_RECORDED, 0,
                ids(null, null, null, null, "d-1"), "{\"kind\":\"review\"}"));
        resolver.resolve(enrolled("e1", 1, ids("a@x.com", null, null, null, "d-1")));
        Resolution deviceOnly = resolver.resolve(event("g2", EventType.ENGAGEMENT_RECORDED, 2,
                ids(null, null, null, null, "d-1"), "{\"kind\":\"review\"}"));
        resolver.resolve(enrolled("e3", 3, ids("b@x.com", null, null, null, "d-1")));   // device moves, no merge
        Resolution moved = resolver.resolve(event("g4", EventType.ENGAGEMENT_RECORDED, 4,
                ids(null, null, null, null, "d-1"), "{\"kind\":\"review\"}"));

        assertThat(unknownDevice.outcome()).isEqualTo(Outcome.UNATTRIBUTED);
        assertThat(deviceOnly.outcome()).isEqualTo(Outcome.DEVICE);
        assertThat(deviceOnly.memberId()).isEqualTo("M-e1");
        assertThat(moved.memberId()).isEqualTo("M-e3");
        assertThat(member("M-e1").devices).isEmpty();
        assertThat(member("M-e1").status).isEqualTo(MemberStatus.ACTIVE);
    }

    @Test
    void blocklistedIdentifiersAreIgnoredAndAnEventWithOnlyThoseIsDeadLettered() {
        resolver.resolve(enrolled("e1", 0, ids("test@test.com", "+14155550106", null, null, null)));
        Resolution onlyBlocked = resolver.resolve(order("o2", 1, ids("NoEmail@shop.example", "5555555555", null,
                null, null)));
        Resolution mixed = resolver.resolve(order("o3", 2, email("test@test.com")));

        assertThat(member("M-e1").emails).isEmpty();
        assertThat(onlyBlocked.outcome()).isEqualTo(Outcome.DEAD_LETTER);
        assertThat(onlyBlocked.deadLetterReason().code()).isEqualTo("no_usable_identifier");
        assertThat(onlyBlocked.ignored()).hasSize(2);
        assertThat(mixed.outcome()).isEqualTo(Outcome.DEAD_LETTER);
        // a dead-lettered copy does not consume its event id (SPEC §13.17)
        assertThat(resolver.resolve(order("o2", 1, email("real@x.com"))).outcome()).isEqualTo(Outcome.CREATED);
    }

    @Test
    void aRepeatedEventIdChangesNothing() {
        resolver.resolve(order("o1", 0, email("a@x.com")));
        Resolution again = resolver.resolve(order("o1", 0, ids("a@x.com", "+14155550107", null, null, null)));

        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(member("M-o1").phones).isEmpty();
    }

    @Test
    void onlySomeEventTypesCreateProfiles() {
        Resolution r = resolver.resolve(event("x1", EventType.ORDER_RETURNED, 0, email("new@x.com"),
                "{\"return_id\":\"R1\",\"refund_amount\":\"5.00\"}"));

        assertThat(r.outcome()).isEqualTo(Outcome.UNATTRIBUTED);
        assertThat(store.link(new IdentifierKey(IdentifierType.EMAIL, "new@x.com"))).isEmpty();
    }

    @Test
    void mergedConsentsKeepTheMostRecentValuePerChannelAndSurvivorAttributesWin() {
        resolver.resolve(event("e1", EventType.MEMBER_ENROLLED, 0, email("a@x.com"),
                "{\"first_name\":\"Ann\",\"consent\":{\"email\":true,\"sms\":true}}"));
        resolver.resolve(event("p2", EventType.PROFILE_UPDATED, 5, ids(null, null, "C1", null, null),
                "{\"first_name\":\"Annie\",\"last_name\":\"Lee\",\"consent\":{\"sms\":false}}"));

        resolver.resolve(order("o3", 6, ids("a@x.com", null, "C1", null, null)));

        MemberProfile m = member("M-e1");
        assertThat(m.firstName).isEqualTo("Ann");
        assertThat(m.lastName).isEqualTo("Lee");
        assertThat(m.consents.get("email").granted()).isTrue();
        assertThat(m.consents.get("sms").granted()).isFalse();
        assertThat(m.consents.get("push").granted()).isFalse();
    }

    @Test
    void phoneWithoutCountryIsReadInTheCountryOfTheMemberTheOtherIdentifiersResolveTo() {
        resolver.resolve(event("e1", EventType.MEMBER_ENROLLED, 0, email("kate@x.co.uk"), "{\"country\":\"GB\"}"));

        resolver.resolve(order("o2", 1, ids("kate@x.co.uk", "07911 123456", null, null, null)));

        assertThat(member("M-e1").phones).containsExactly("+447911123456");
    }

    @Test
    void scoresFollowMergesToTheSurvivor() {
        resolver.resolve(enrolled("e1", 0, email("a@x.com")));
        resolver.resolve(order("o2", 1, ids(null, null, "C1", null, null)));
        resolver.resolve(order("o3", 2, ids("a@x.com", null, "C1", null, null)));

        Resolution r = resolver.resolve(event("s1", EventType.ML_SCORED, 3, ids(null, null, null, null, null),
                "{\"member_id\":\"M-o2\",\"model\":\"churn\",\"model_version\":\"1\",\"score\":0.8}"));

        assertThat(r.outcome()).isEqualTo(Outcome.SCORED);
        assertThat(r.memberId()).isEqualTo("M-e1");
    }

    @Test
    void theSameEventsInTheSameOrderGiveTheSameMembersLinksAndMerges() {
        List<loyalty.contract.event.Event> events = List.of(
                order("o1", 0, ids(null, "+14155550108", null, null, null)),
                enrolled("e2", 1, email("z@x.com")),
                order("o3", 2, ids("z@x.com", "+14155550108", null, null, "d1")));
        InMemoryIdentityStore other = new InMemoryIdentityStore();
        Resolver second = new Resolver(other, new RuleBook());

        List<Resolution> a = events.stream().map(resolver::resolve).toList();
        List<Resolution> b = events.stream().map(second::resolve).toList();

        assertThat(b).usingRecursiveFieldByFieldElementComparator().isEqualTo(a);
        assertThat(other.members().keySet()).isEqualTo(store.members().keySet());
    }
}
