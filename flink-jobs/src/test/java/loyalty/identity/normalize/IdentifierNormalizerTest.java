package loyalty.identity.normalize;

import static loyalty.identity.normalize.IdentifierType.CARD;
import static loyalty.identity.normalize.IdentifierType.CRM_ID;
import static loyalty.identity.normalize.IdentifierType.EMAIL;
import static loyalty.identity.normalize.IdentifierType.PHONE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.validation.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class IdentifierNormalizerTest {
    private static final Blocklist BLOCKLIST = Blocklist.of(BlocklistConfig.DEFAULT);

    @Test
    void theSpecEnvelopeExampleNormalisesEveryIdentifier() {
        NormalizedIdentifiers ids = IdentifierNormalizer.normalize(
                new Identifiers("Bob@X.com", "(415) 555-0100", "C-1", " 42 ", " d-9 "), RegionChain.NONE, BLOCKLIST);

        assertThat(ids.strong()).containsExactlyInAnyOrderEntriesOf(Map.of(EMAIL, "bob@x.com", PHONE, "+14155550100",
                CARD, "C1", CRM_ID, "42"));
        assertThat(ids.device()).contains("d-9");
        assertThat(ids.rejected()).isEmpty();
        assertThat(ids.highestPriority()).contains(Map.entry(CRM_ID, "42"));
    }

    @Test
    void workedExampleCTheProfileUpdateMatchesBothEarlierProfiles() {
        NormalizedIdentifiers enrolledByEmail =
                IdentifierNormalizer.normalize(ids("bob@x.com", null, null), RegionChain.NONE, BLOCKLIST);
        NormalizedIdentifiers enrolledByCard =
                IdentifierNormalizer.normalize(ids(null, null, "C-1"), RegionChain.NONE, BLOCKLIST);
        NormalizedIdentifiers update =
                IdentifierNormalizer.normalize(ids("BOB@X.com", null, "C 1"), RegionChain.NONE, BLOCKLIST);

        assertThat(update.get(EMAIL)).isEqualTo(enrolledByEmail.get(EMAIL)).contains("bob@x.com");
        assertThat(update.get(CARD)).isEqualTo(enrolledByCard.get(CARD)).contains("C1");
    }

    @ParameterizedTest(name = "[{index}] email={0} phone={1} card={2} crm={3} -> kept {4}, rejected {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # email              | phone           | card   | crm  | kept                 | rejected
            bob@x.com            | not a phone     |        |      | EMAIL                | PHONE:invalid_phone
            test@test.com        | (415) 555-0100  |        |      | PHONE                | EMAIL:blocklisted
            NoEmail@NoEmail.com  | 999-999-9999    | C-1    |      | CARD                 | EMAIL:blocklisted PHONE:blocklisted
            bob@x                | (555) 555-5555  | ' - '  | 7    | CRM_ID               | EMAIL:malformed_email PHONE:blocklisted CARD:invalid_card
            bob@@x.com           | 0000000000      |        |      |                      | EMAIL:malformed_email PHONE:blocklisted
            ''                   | '  '            | ' '    | ' '  |                      |
            """)
    void invalidAndBlockedIdentifiersAreIgnoredAndListed(String email, String phone, String card, String crm,
            String kept, String rejected) {
        NormalizedIdentifiers ids = IdentifierNormalizer.normalize(new Identifiers(email, phone, card, crm, null),
                RegionChain.NONE, BLOCKLIST);

        assertThat(ids.strong().keySet().stream().map(Enum::name).toList())
                .containsExactlyInAnyOrderElementsOf(words(kept));
        assertThat(ids.rejected().stream().map(r -> r.type().name() + ":" + r.reason().code()).toList())
                .containsExactlyInAnyOrderElementsOf(words(rejected));
        assertThat(ids.rejected()).allSatisfy(r -> {
            assertThat(r.raw()).isNotBlank();
            assertThat(r.detail()).isNotBlank();
        });
    }

    @Test
    void aRejectedIdentifierKeepsItsRawValueForCounting() {
        NormalizedIdentifiers ids = IdentifierNormalizer.normalize(ids(" Test@Test.com ", null, null),
                RegionChain.NONE, BLOCKLIST);
        assertThat(ids.rejected()).containsExactly(new Rejected(EMAIL, " Test@Test.com ", RejectionReason.BLOCKLISTED,
                "email matches blocklist entry test@test.com"));
    }

    @Test
    void theRepeatedDigitRuleCanBeSwitchedOff() {
        Blocklist none = Blocklist.of(BlocklistConfig.NONE);
        NormalizedIdentifiers ids = IdentifierNormalizer.normalize(ids(null, "999-999-9999", null), RegionChain.NONE, none);
        // Not blocked, but 999 is no US area code: still ignored, now as an invalid number.
        assertThat(ids.rejected()).extracting(Rejected::reason).containsExactly(RejectionReason.INVALID_PHONE);
        assertThat(IdentifierNormalizer.normalize(ids("test@test.com", null, null), RegionChain.NONE, none).get(EMAIL))
                .contains("test@test.com");
    }

    @Test
    void thePhoneIsReadInTheCountryOfTheMemberTheOtherIdentifiersResolveTo() {
        Map<String, String> countryByCrmId = Map.of("42", "GB");
        List<NormalizedIdentifiers> seenByLookup = new ArrayList<>();
        NormalizedIdentifiers ids = IdentifierNormalizer.normalize(new Identifiers(null, "020 7946 0958", null, "42", null),
                BLOCKLIST, others -> {
                    seenByLookup.add(others);
                    String member = others.get(CRM_ID).map(countryByCrmId::get).orElse(null);
                    return RegionChain.of(null, null, "US").withMemberCountry(member);
                });

        assertThat(ids.get(PHONE)).contains("+442079460958");
        assertThat(seenByLookup).singleElement().satisfies(others -> {
            assertThat(others.get(CRM_ID)).contains("42");
            assertThat(others.get(PHONE)).isEmpty();
        });
        // Without the member's country the same local number is not a valid US number.
        assertThat(IdentifierNormalizer.normalize(new Identifiers(null, "020 7946 0958", null, "42", null),
                RegionChain.of(null, null, "US"), BLOCKLIST).rejected())
                .extracting(Rejected::reason).containsExactly(RejectionReason.INVALID_PHONE);
    }

    @ParameterizedTest(name = "[{index}] {0} with email={1} phone={2} device={3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # type              | email          | phone           | device | dead-letter reason
            order.completed     |                |                 |        | no_identifier
            order.completed     | ' '            | ''              | '  '   | no_identifier
            order.completed     | test@test.com  |                 |        | no_usable_identifier
            order.completed     | bob@x          | 1111111111      |        | no_usable_identifier
            redemption.requested| noemail@x.com  |                 |        | no_usable_identifier
            order.completed     | bob@x          |                 | d-9    |
            order.completed     |                |                 | d-9    |
            order.completed     | bob@x.com      |                 |        |
            order.completed     | test@test.com  | (415) 555-0100  |        |
            member.enrolled     |                |                 |        | no_identifier
            rules.published     |                |                 |        |
            ml.scored           | test@test.com  |                 |        |
            """)
    void deadLetterReasonsFollowSpec13_5(String type, String email, String phone, String device, String reason) {
        NormalizedIdentifiers ids = IdentifierNormalizer.normalize(new Identifiers(email, phone, null, null, device),
                RegionChain.NONE, BLOCKLIST);
        EventType eventType = EventType.fromWireName(type).orElseThrow();

        assertThat(IdentifierNormalizer.deadLetterReason(eventType, ids).map(RejectReason::code))
                .isEqualTo(java.util.Optional.ofNullable(reason));
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"RULES_PUBLISHED", "ML_SCORED"}, mode = EnumSource.Mode.EXCLUDE)
    void everyMemberEventNeedsAnIdentifier(EventType type) {
        NormalizedIdentifiers none = IdentifierNormalizer.normalize(Identifiers.NONE, RegionChain.NONE, BLOCKLIST);
        assertThat(none.isEmpty()).isTrue();
        assertThat(IdentifierNormalizer.deadLetterReason(type, none)).contains(RejectReason.NO_IDENTIFIER);
    }

    @Test
    void onlyStrongTypesGoInTheStrongMap() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NormalizedIdentifiers(
                Map.of(IdentifierType.DEVICE_ID, "d-9"), null, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # email     | phone          | card | crm | highest
            bob@x.com   | (415) 555-0100 | C-1  | 42  | CRM_ID
            bob@x.com   | (415) 555-0100 | C-1  |     | CARD
            bob@x.com   | (415) 555-0100 |      |     | EMAIL
            bob@x       | (415) 555-0100 |      |     | PHONE
            """)
    void thePriorityIsCrmIdThenCardThenEmailThenPhone(String email, String phone, String card, String crm,
            IdentifierType highest) {
        NormalizedIdentifiers ids = IdentifierNormalizer.normalize(new Identifiers(email, phone, card, crm, null),
                RegionChain.NONE, BLOCKLIST);
        assertThat(ids.highestPriority().map(Map.Entry::getKey)).contains(highest);
    }

    private static Identifiers ids(String email, String phone, String card) {
        return new Identifiers(email, phone, card, null, null);
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }
}
