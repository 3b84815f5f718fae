package loyalty.identity.normalize;

import static loyalty.identity.normalize.EmailNormalizerTest.unescape;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numbers are from the ranges set aside for fiction (US 555-01xx, Ofcom drama, ARCEP) or random valid German ones. */
class PhoneNormalizerTest {

    @ParameterizedTest(name = "[{index}] ''{0}'' in ({1}, {2}, {3}) -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # raw                | payload | member | default | E.164
            (415) 555-0100       |         |        |         | +14155550100
            (415) 555-0100       |         |        | US      | +14155550100
            +1 415-555-0100      |         |        |         | +14155550100
            +1 415-555-0100      | GB      |        |         | +14155550100
            4155550100           | US      |        |         | +14155550100
            415.555.0100         |         |        |         | +14155550100
            1-415-555-0100       |         |        |         | +14155550100
            +14155550100         | DE      | FR     | GB      | +14155550100
            '  (415) 555-0100  ' |         |        |         | +14155550100
            415-555-0100 ext. 12 |         |        |         | +14155550100
            ４１５５５５０１００       |         |        |         | +14155550100
            020 7946 0958        | GB      |        |         | +442079460958
            020 7946 0958        |         | GB     |         | +442079460958
            020 7946 0958        |         |        | GB      | +442079460958
            020 7946 0958        | gb      |        |         | +442079460958
            020 7946 0958        | UK      | GB     |         | +442079460958
            020 7946 0958        | ' GB '  |        |         | +442079460958
            02079460958          | GB      |        |         | +442079460958
            +44 20 7946 0958     |         |        |         | +442079460958
            +44 (0)20 7946 0958  |         |        |         | +442079460958
            0044 20 7946 0958    | GB      |        |         | +442079460958
            0113 496 0123        | GB      |        |         | +441134960123
            030 23125678         | DE      |        |         | +493023125678
            030/23125678         |         | DE     |         | +493023125678
            +49 30 23125678      | FR      |        |         | +493023125678
            01 99 00 12 34       | FR      | GB     | US      | +33199001234
            0199001234           |         |        | FR      | +33199001234
            +33 1 99 00 12 34    |         |        |         | +33199001234
            """)
    void validNumbersBecomeE164(String raw, String payload, String member, String defaultRegion, String expected) {
        assertThat(PhoneNormalizer.normalize(raw, RegionChain.of(payload, member, defaultRegion)).value())
                .contains(expected);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' in ({1}, {2}, {3}) is invalid")
    @CsvSource(delimiter = '|', textBlock = """
            # raw              | payload | member | default
            020 7946 0958      |         |        |
            020 7946 0958      |         |        | US
            020 7946 0958      | FR      | GB     |
            020 7946 0958      | XX      | ZZ     |
            01 99 00 12 34     | GB      |        |
            555-0100           |         |        |
            (415) 555-010      |         |        |
            415555010000000    |         |        |
            +44 20 7946 09     |         |        |
            +999 1234567       |         |        |
            123                |         |        |
            call me            |         |        |
            <script>           |         |        |
            n/a                |         |        |
            +                  |         |        |
            ''                 |         |        |
            '   '              |         |        |
            """)
    void invalidNumbersAreRejectedWithAReason(String raw, String payload, String member, String defaultRegion) {
        Normalized result = PhoneNormalizer.normalize(unescape(raw), RegionChain.of(payload, member, defaultRegion));
        assertThat(result.value()).isEmpty();
        assertThat(result.reason()).isEqualTo(RejectionReason.INVALID_PHONE);
        assertThat(result.detail()).isNotBlank();
    }

    @ParameterizedTest(name = "[{index}] ({0}, {1}, {2}) reads national numbers in {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # payload | member | default | region
                      |        |         | US
            FR        | GB     | DE      | FR
                      | GB     | DE      | GB
                      |        | DE      | DE
            fr        |        |         | FR
            UK        | GB     |         | GB
            XX        | ''     | ' '     | US
            ''        | de     |         | DE
            """)
    void theRegionIsTheFirstKnownCountryOfTheChain(String payload, String member, String defaultRegion, String region) {
        assertThat(RegionChain.of(payload, member, defaultRegion).region()).isEqualTo(region);
    }

    @ParameterizedTest(name = "[{index}] member country {0} after payload {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GB |    | GB
            GB | FR | FR
               |    | DE
            """)
    void theMemberCountryJoinsTheChainBetweenPayloadAndDefault(String member, String payload, String region) {
        assertThat(RegionChain.of(payload, null, "DE").withMemberCountry(member).region()).isEqualTo(region);
    }
}
