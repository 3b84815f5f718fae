package loyalty.identity.normalize;

import static loyalty.identity.normalize.EmailNormalizerTest.unescape;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CardNormalizerTest {

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
            6047123412341234|6047123412341234
            6047 1234 1234 1234|6047123412341234
            6047-1234-1234-1234|6047123412341234
            ' 6047 1234 1234 1234 '|6047123412341234
            '\t6047 - 1234\n'|60471234
            C-1|C1
            C 1|C1
            c-1|C1
            ' c 1 '|C1
            ab-cd ef|ABCDEF
            '6047\u00a01234'|60471234
            '6047\u20131234'|60471234
            '6047\u20141234'|60471234
            card#42|CARD#42
            """)
    void cardsAreTrimmedUpperCasedAndLoseSpacesAndDashes(String raw, String expected) {
        assertThat(CardNormalizer.normalize(unescape(raw)).value()).contains(expected);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' is invalid")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
            ''|nothing left
            '   '|nothing left
            ' - - '|nothing left
            '--'|nothing left
            '6047\u00001234'|control
            '6047\u200b1234'|control
            """)
    void cardsWithNothingLeftOrControlCharactersAreInvalid(String raw, String detail) {
        Normalized result = CardNormalizer.normalize(unescape(raw));
        assertThat(result.value()).isEmpty();
        assertThat(result.reason()).isEqualTo(RejectionReason.INVALID_CARD);
        assertThat(result.detail()).contains(detail);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
            42|42
            '  42 '|42
            '\t42\n'|42
            Crm-42|Crm-42
            'a b'|'a b'
            '   '|''
            """)
    void crmIdsAreOnlyTrimmed(String raw, String expected) {
        assertThat(CrmIdNormalizer.normalize(unescape(raw))).isEqualTo(unescape(expected));
    }
}
