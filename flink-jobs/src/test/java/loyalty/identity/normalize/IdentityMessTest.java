package loyalty.identity.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import loyalty.contract.event.Identifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The identity mess the synthetic data generator writes (connectors/generator: people.PhoneNumber, EmailAddress,
 * LoyaltyCard, plan.Junk) normalises as SPEC §3 says: every rendering of one person's phone, email or card becomes
 * one value, and the fillers staff type are blocked. The renderings are rebuilt here from the same number ranges and
 * formats, so this module does not depend on the generator.
 */
class IdentityMessTest {
    private static final int PEOPLE_PER_COUNTRY = 200;
    /** The generator's default rule set's blocklist for program "acme". */
    private static final Blocklist ACME = Blocklist.of(new BlocklistConfig(
            List.of("test@test.com", "noemail@*", "store@acme-shop.example"), List.of(), List.of(), List.of(), true));

    private final Random random = new Random(42);

    @Test
    void everyPhoneRenderingOfOnePersonIsOneE164NumberInTheirCountry() {
        Map<String, Set<String>> e164ByPerson = new HashMap<>();
        for (String country : List.of("US", "GB", "DE", "FR")) {
            for (int i = 0; i < PEOPLE_PER_COUNTRY; i++) {
                Phone phone = Phone.draw(country, random);
                String person = country + i;
                for (String rendering : phone.formats()) {
                    Normalized n = PhoneNormalizer.normalize(rendering, RegionChain.of(country, null, "US"));
                    assertThat(n.value()).as("%s %s (%s)", country, rendering, n.detail()).contains(phone.e164());
                    e164ByPerson.computeIfAbsent(person, k -> new TreeSet<>()).add(n.value().orElseThrow());
                }
                // With no region hint at all, only the international renderings are this person's number.
                assertThat(PhoneNormalizer.normalize(phone.international(), RegionChain.NONE).value())
                        .contains(phone.e164());
                assertThat(ACME.blocks(IdentifierType.PHONE, phone.e164())).as(phone.e164()).isEmpty();
            }
        }
        assertThat(e164ByPerson).hasSize(4 * PEOPLE_PER_COUNTRY).allSatisfy((person, numbers) ->
                assertThat(numbers).as(person).hasSize(1));
    }

    @Test
    void aLocalNumberAbroadParsesOnlyThroughTheFallbackToTheMembersCountry() {
        for (String country : List.of("GB", "DE", "FR")) {
            Phone phone = Phone.draw(country, random);
            assertThat(PhoneNormalizer.normalize(phone.national(), RegionChain.of(null, country, "US")).value())
                    .contains(phone.e164());
            assertThat(PhoneNormalizer.normalize(phone.national(), RegionChain.of(null, null, "US")).value())
                    .as("%s read as a US number", phone.national()).isNotEqualTo(java.util.Optional.of(phone.e164()));
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            john.smith@gmail.com
            John.Smith@Gmail.com
            JOHN.SMITH@GMAIL.COM
            ' john.smith@gmail.com '
            john.smith@GMAIL.COM
            johnsmith@gmail.com
            john.smith+shop@gmail.com
            john.smith+deals@gmail.com
            john.smith@googlemail.com
            j.ohnsmith@gmail.com
            """)
    void everyGmailRenderingOfOneAddressIsOneEmail(String rendering) {
        assertThat(EmailNormalizer.normalize(rendering).value()).contains("johnsmith@gmail.com");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            mary.jones@example.com
            Mary.Jones@Example.com
            MARY.JONES@EXAMPLE.COM
            ' mary.jones@example.com '
            mary.jones@EXAMPLE.COM
            """)
    void everyRenderingOfAnotherAddressKeepsItsDots(String rendering) {
        assertThat(EmailNormalizer.normalize(rendering).value()).contains("mary.jones@example.com");
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            6047123456789012
            6047 1234 5678 9012
            6047-1234-5678-9012
            ' 6047 1234 5678 9012 '
            """)
    void everyCardRenderingIsTheSixteenDigits(String rendering) {
        assertThat(CardNormalizer.normalize(rendering).value()).contains("6047123456789012");
    }

    @ParameterizedTest(name = "[{index}] email ''{0}'' phone ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            noemail@noemail.com         | 0000000000
            NoEmail@noemail.com         | (555) 555-5555
            noemail@acme-shop.example   | 1111111111
            NOEMAIL@NOEMAIL.COM         | 999-999-9999
            store@acme-shop.example     | 0000000000
            test@test.com               | (555) 555-5555
            """)
    void theFillersStaffTypeAreBlockedAndLeaveNothingUsable(String email, String phone) {
        NormalizedIdentifiers ids = IdentifierNormalizer.normalize(new Identifiers(email, phone, null, null, null),
                RegionChain.of(null, null, "US"), ACME);
        assertThat(ids.hasStrong()).isFalse();
        assertThat(ids.rejected()).extracting(Rejected::reason)
                .containsExactly(RejectionReason.BLOCKLISTED, RejectionReason.BLOCKLISTED);
    }

    /** A number from the generator's ranges: US 555, Ofcom drama, ARCEP fiction, random valid German ones. */
    private record Phone(String country, String area, String subscriber) {
        static final List<String> US_AREAS = List.of("201", "212", "305", "415", "617", "702", "808", "917", "971");
        static final List<String[]> GB_RANGES = List.of(new String[] {"20", "79460"}, new String[] {"113", "4960"},
                new String[] {"121", "4960"}, new String[] {"161", "4960"}, new String[] {"191", "4980"},
                new String[] {"28", "96496"}, new String[] {"29", "20180"});
        static final List<String[]> FR_RANGES = List.of(new String[] {"1", "9900"}, new String[] {"2", "6191"},
                new String[] {"3", "5301"}, new String[] {"4", "6571"}, new String[] {"5", "3649"});
        static final List<String> DE_AREAS = List.of("30", "40", "89", "221", "69");

        static Phone draw(String country, Random random) {
            return switch (country) {
                case "US" -> new Phone(country, pick(US_AREAS, random), "555" + digits(random, 4));
                case "GB" -> {
                    String[] range = pick(GB_RANGES, random);
                    yield new Phone(country, range[0], range[1] + digits(random, 3));
                }
                case "FR" -> {
                    String[] range = pick(FR_RANGES, random);
                    yield new Phone(country, range[0], range[1] + digits(random, 4));
                }
                default -> {
                    String area = pick(DE_AREAS, random);
                    yield new Phone(country, area, (2 + random.nextInt(8)) + digits(random, area.length() == 2 ? 7 : 6));
                }
            };
        }

        String code() {
            return Map.of("US", "1", "GB", "44", "DE", "49", "FR", "33").get(country);
        }

        String e164() {
            return "+" + code() + area + subscriber;
        }

        String national() {
            return switch (country) {
                case "US" -> "(" + area + ") " + subscriber.substring(0, 3) + "-" + subscriber.substring(3);
                case "GB" -> "0" + area + " " + gbGroups();
                case "FR" -> "0" + area + " " + pairs(subscriber);
                default -> "0" + area + " " + subscriber;
            };
        }

        String international() {
            return switch (country) {
                case "US" -> "+1 " + area + "-" + subscriber.substring(0, 3) + "-" + subscriber.substring(3);
                case "GB" -> "+44 " + area + " " + gbGroups();
                case "FR" -> "+33 " + area + " " + pairs(subscriber);
                default -> "+49 " + area + " " + subscriber;
            };
        }

        List<String> formats() {
            List<String> all = new ArrayList<>(List.of(national(), international(), e164()));
            switch (country) {
                case "US" -> all.addAll(List.of(area + subscriber, area + "." + subscriber.substring(0, 3) + "."
                        + subscriber.substring(3), "1-" + area + "-" + subscriber.substring(0, 3) + "-"
                        + subscriber.substring(3)));
                case "DE" -> all.add("0" + area + "/" + subscriber);
                default -> all.add("0" + area + subscriber);
            }
            return all;
        }

        private String gbGroups() {
            return subscriber.length() == 8
                    ? subscriber.substring(0, 4) + " " + subscriber.substring(4)
                    : subscriber.substring(0, 3) + " " + subscriber.substring(3);
        }

        private static String pairs(String digits) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < digits.length(); i += 2) {
                out.append(out.length() > 0 ? " " : "").append(digits, i, Math.min(i + 2, digits.length()));
            }
            return out.toString();
        }

        private static <T> T pick(List<T> from, Random random) {
            return from.get(random.nextInt(from.size()));
        }

        private static String digits(Random random, int count) {
            StringBuilder out = new StringBuilder(count);
            for (int i = 0; i < count; i++) {
                out.append((char) ('0' + random.nextInt(10)));
            }
            return out.toString();
        }
    }
}
