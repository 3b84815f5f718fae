package loyalty.identity.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailNormalizerTest {

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
            bob@x.com|bob@x.com
            Bob@X.com|bob@x.com
            BOB@X.COM|bob@x.com
            '  bob@x.com  '|bob@x.com
            '\tbob@x.com\n'|bob@x.com
            bob@X.Example.ORG|bob@x.example.org
            john.smith@example.com|john.smith@example.com
            john.smith+shop@example.com|john.smith+shop@example.com
            j.o.h.n@outlook.com|j.o.h.n@outlook.com
            john.smith@gmail.com|johnsmith@gmail.com
            John.Smith@Gmail.com|johnsmith@gmail.com
            j.ohnsmith@gmail.com|johnsmith@gmail.com
            john.smith+deals@gmail.com|johnsmith@gmail.com
            john.smith+deals+more@gmail.com|johnsmith@gmail.com
            john.smith@googlemail.com|johnsmith@gmail.com
            JOHN.SMITH+promo@GOOGLEMAIL.COM|johnsmith@gmail.com
            john.smith@gmail.co.uk|john.smith@gmail.co.uk
            john.smith@mail.gmail.com|john.smith@mail.gmail.com
            'o''brien@example.ie'|'o''brien@example.ie'
            a_b-c@sub-domain.example.co.uk|a_b-c@sub-domain.example.co.uk
            x@example.xn--p1ai|x@example.xn--p1ai
            """)
    void validAddressesNormalise(String raw, String expected) {
        assertThat(EmailNormalizer.normalize(unescape(raw)).value()).contains(expected);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' is malformed ({1})")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
            ''|blank
            '   '|blank
            bob|no @
            bob@localhost|domain
            bob@x|domain
            bob@x.|domain
            bob@.com|domain
            bob@x..com|domain
            bob@x.c|domain
            bob@x.c0m|domain
            bob@-x.com|domain
            bob@x_y.com|domain
            bob@x.com.|domain
            @x.com|local
            bob@@x.com|more than one @
            bob@x@y.com|more than one @
            .bob@x.com|local
            bob.@x.com|local
            bo..b@x.com|local
            bo(b)@x.com|local
            bob smith@x.com|ASCII
            bob@x .com|ASCII
            jürgen@example.de|ASCII
            bob@exämple.de|ASCII
            '\u212Aate@x.com'|ASCII
            'bob\u0000@x.com'|ASCII
            'bob@x.com\u00a0'|ASCII
            '"bob"@x.com'|local
            +deals@gmail.com|without a mailbox
            ...@gmail.com|local
            <bob@x.com>|local
            mailto:bob@x.com|local
            """)
    void malformedAddressesAreInvalidWithAReason(String raw, String detail) {
        Normalized result = EmailNormalizer.normalize(unescape(raw));
        assertThat(result.value()).isEmpty();
        assertThat(result.reason()).isEqualTo(RejectionReason.MALFORMED_EMAIL);
        assertThat(result.detail()).containsIgnoringCase(detail);
    }

    @ParameterizedTest(name = "[{index}] local part of {0} characters")
    @CsvSource({"64, true", "65, false"})
    void theLocalPartIsAtMost64Characters(int length, boolean valid) {
        assertThat(EmailNormalizer.normalize("a".repeat(length) + "@x.com").isValid()).isEqualTo(valid);
    }

    @ParameterizedTest(name = "[{index}] address of {0} characters")
    @CsvSource({"254, true", "255, false"})
    void theAddressIsAtMost254Characters(int length, boolean valid) {
        String tail = "@" + ("d".repeat(47) + ".").repeat(4) + "com";
        String local = "a".repeat(length - tail.length());
        assertThat((local + tail).length()).isEqualTo(length);
        assertThat(EmailNormalizer.normalize(local + tail).isValid()).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            john.smith@gmail.com
            johnsmith@gmail.com
            JohnSmith@Gmail.Com
            j.o.h.n.s.m.i.t.h@googlemail.com
            john.smith+acme@gmail.com
            """)
    void everyGmailRenderingIsOneAddress(String raw) {
        assertThat(EmailNormalizer.normalize(raw).value()).contains("johnsmith@gmail.com");
    }

    /** CSV cannot hold control characters, so the tables write them as Java escapes. */
    static String unescape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 't' -> out.append('\t');
                    case 'n' -> out.append('\n');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append('\\').append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
