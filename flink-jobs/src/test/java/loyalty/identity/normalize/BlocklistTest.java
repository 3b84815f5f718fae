package loyalty.identity.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import loyalty.contract.event.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlocklistTest {
    /** Today's rule-set shape, as the generator's default rule set writes it. */
    private static final String RULE_SET_BLOCKLIST = """
            {"emails": ["test@test.com", "NoEmail@*", "store@acme-shop.example"],
             "phones": ["+1555*", "+447700900*"], "cards": ["0000*", "test-card", "6047 0000-*"], "crm_ids": ["TEST*", "0"],
             "repeated_digit_phones": true, "future_key": 1}""";

    private static final Blocklist BLOCKLIST = Blocklist.of(read(RULE_SET_BLOCKLIST));

    @ParameterizedTest(name = "[{index}] {0} {1} blocked: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # type   | normalised value          | blocked
            EMAIL    | test@test.com             | true
            EMAIL    | test@test.co              | false
            EMAIL    | atest@test.com            | false
            EMAIL    | test@test.com.au          | false
            EMAIL    | noemail@noemail.com       | true
            EMAIL    | noemail@acme-shop.example | true
            EMAIL    | noemail@                  | true
            EMAIL    | xnoemail@noemail.com      | false
            EMAIL    | no.email@noemail.com      | false
            EMAIL    | store@acme-shop.example   | true
            EMAIL    | store@acme-shopXexample   | false
            EMAIL    | bob@x.com                 | false
            PHONE    | +15550100999              | true
            PHONE    | +14155550100              | false
            PHONE    | +447700900123             | true
            PHONE    | +442079460958             | false
            CARD     | 0000123                   | true
            CARD     | 10000123                  | false
            CARD     | TESTCARD                  | true
            CARD     | TESTCARDS                 | false
            CARD     | 6047000012345678          | true
            CARD     | 6047000112345678          | false
            CRM_ID   | TEST-1                    | true
            CRM_ID   | test-1                    | false
            CRM_ID   | 0                         | true
            CRM_ID   | 00                        | false
            DEVICE_ID| test@test.com             | false
            """)
    void globsMatchWholeNormalisedValuesOfTheirOwnType(IdentifierType type, String value, boolean blocked) {
        assertThat(BLOCKLIST.blocks(type, value).isPresent()).isEqualTo(blocked);
    }

    @Test
    void anEmailGlobDoesNotBlockOtherTypes() {
        assertThat(BLOCKLIST.blocks(IdentifierType.CRM_ID, "test@test.com")).isEmpty();
        assertThat(BLOCKLIST.blocks(IdentifierType.CARD, "TEST@TEST.COM")).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] glob ''{0}'' on ''{1}'': {2}")
    @CsvSource(delimiter = '|', textBlock = """
            *            | anything@at.all  | true
            a*b*c        | abc              | true
            a*b*c        | a-x-b-y-c        | true
            a*b*c        | a-x-c-y-b        | false
            **@x.com     | bob@x.com        | true
            a.b@x.com    | axb@x.com        | false
            a?b@x.com    | axb@x.com        | false
            a?b@x.com    | a?b@x.com        | true
            [ab]@x.com   | a@x.com          | false
            '(a|b)@x.com'| '(a|b)@x.com'    | true
            \\Qa@x.com   | \\qa@x.com       | true
            ' bob@x.com '| bob@x.com        | true
            """)
    void onlyTheStarIsSpecial(String glob, String value, boolean blocked) {
        Blocklist blocklist = Blocklist.of(new BlocklistConfig(List.of(glob), null, null, null, false));
        assertThat(blocklist.blocks(IdentifierType.EMAIL, value).isPresent()).isEqualTo(blocked);
    }

    @ParameterizedTest(name = "[{index}] raw phone ''{0}'' is one repeated digit: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0000000000       | true
            1111111111       | true
            (555) 555-5555   | true
            999-999-9999     | true
            +1 111 111 1111  | true
            7777             | true
            777              | false
            (415) 555-0100   | false
            +1 555 555 5555  | false
            """)
    void repeatedDigitsAreSeenInTheRawPhone(String raw, boolean blocked) {
        assertThat(BLOCKLIST.blocksRawPhone(raw)).isEqualTo(blocked);
        assertThat(Blocklist.of(BlocklistConfig.NONE).blocksRawPhone(raw)).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0} is one repeated digit: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            +15555555555  | true
            +12222222222  | true
            +447777777777 | true
            +12555555555  | false
            +14155550100  | false
            """)
    void repeatedDigitsAreSeenInTheNationalNumberOfANormalisedPhone(String e164, boolean blocked) {
        assertThat(BLOCKLIST.blocks(IdentifierType.PHONE, e164).isPresent()).isEqualTo(blocked);
        assertThat(Blocklist.of(BlocklistConfig.NONE).blocks(IdentifierType.PHONE, e164)).isEmpty();
    }

    @Test
    void theConfigReadsTheRuleSetShapeWithDefaultsForWhatIsMissing() {
        BlocklistConfig full = read(RULE_SET_BLOCKLIST);
        assertThat(full.emails()).containsExactly("test@test.com", "NoEmail@*", "store@acme-shop.example");
        assertThat(full.phones()).containsExactly("+1555*", "+447700900*");
        assertThat(full.crmIds()).containsExactly("TEST*", "0");
        assertThat(full.repeatedDigitPhones()).isTrue();

        BlocklistConfig empty = read("{}");
        assertThat(empty.emails()).isEmpty();
        assertThat(empty.cards()).isEmpty();
        assertThat(empty.repeatedDigitPhones()).as("the SPEC's repeated-digit rule is on by default").isTrue();
        assertThat(read("{\"repeated_digit_phones\": false}").repeatedDigitPhones()).isFalse();
    }

    @Test
    void theDefaultBlocksTheSpecExamples() {
        Blocklist defaults = Blocklist.of(BlocklistConfig.DEFAULT);
        assertThat(defaults.blocks(IdentifierType.EMAIL, "test@test.com")).isPresent();
        assertThat(defaults.blocks(IdentifierType.EMAIL, "noemail@shop.example")).isPresent();
        assertThat(defaults.blocksRawPhone("999-999-9999")).isTrue();
        assertThat(defaults.blocks(IdentifierType.EMAIL, "bob@x.com")).isEmpty();
    }

    @Test
    void theBlockingReasonNamesTheEntry() {
        assertThat(BLOCKLIST.blocks(IdentifierType.EMAIL, "noemail@noemail.com"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("noemail@*"));
    }

    @Test
    void aBlocklistSurvivesJavaSerialisationAsAFlinkOperatorFieldWould() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(BLOCKLIST);
        }
        Blocklist copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Blocklist) in.readObject();
        }
        assertThat(copy.blocks(IdentifierType.EMAIL, "noemail@x.com")).isPresent();
        assertThat(copy.blocks(IdentifierType.EMAIL, "bob@x.com")).isEmpty();
        assertThat(copy.config()).isEqualTo(BLOCKLIST.config());
    }

    private static BlocklistConfig read(String json) {
        try {
            return EventJson.mapper().readValue(json, BlocklistConfig.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
