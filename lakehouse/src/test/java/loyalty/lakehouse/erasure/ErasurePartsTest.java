package loyalty.lakehouse.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The erasure's plain-Java parts: pseudonyms, payload scrubbing, the patterns its SQL uses. */
class ErasurePartsTest {
    @Test
    void pseudonymsAreStablePerSaltProgramAndMember() {
        Pseudonyms pseudonyms = new Pseudonyms("salt-1");

        assertThat(pseudonyms.of("acme", "M-1")).isEqualTo(pseudonyms.of("acme", "M-1"))
                .matches("ERASED-[0-9a-f]{16}")
                .isNotEqualTo(pseudonyms.of("acme", "M-2"))
                .isNotEqualTo(pseudonyms.of("globex", "M-1"))
                .isNotEqualTo(new Pseudonyms("salt-2").of("acme", "M-1"));
        assertThat(Pseudonyms.isPseudonym(pseudonyms.of("acme", "M-1"))).isTrue();
        assertThatThrownBy(() -> new Pseudonyms(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ownEventsLosePersonalKeysAndEveryEventLosesMentionsWhileTheRestStays() {
        PayloadScrubber scrubber = new PayloadScrubber(Set.of("zoe@ex.io", "+14155550123"));

        assertThat(scrubber.scrub("{\"first_name\":\"Zoe\",\"birth_date\":\"1988-04-17\",\"country\":\"US\","
                + "\"net_amount\":12.5,\"consent\":{\"email\":true}}", true))
                .isEqualTo("{\"country\":\"US\",\"net_amount\":12.5,\"consent\":{\"email\":true}}");
        assertThat(scrubber.scrub("{\"first_name\":\"Cara\",\"referred_by\":{\"email\":\"ZOE@ex.io\","
                + "\"phone\":\"+1 415\"},\"tags\":[\"a\",\"call +14155550123\"]}", false))
                .isEqualTo("{\"first_name\":\"Cara\",\"referred_by\":{\"phone\":\"+1 415\"},\"tags\":[\"a\"]}");
        String untouched = "{ \"order_id\" : \"o-1\" }";
        assertThat(scrubber.scrub(untouched, false)).isSameAs(untouched);
        assertThat(scrubber.scrub("not json zoe@ex.io", false)).isNull();
    }

    @Test
    void patternsMatchValuesLiterallyAndCaseInsensitively() {
        // Trino's regexp functions use RE2J; java.util.regex reads this subset the same way.
        Pattern pattern = Pattern.compile(SqlText.anyOfPattern(List.of("a.b+c@ex.io", "(415) 555-0123")));

        assertThat(pattern.matcher("x A.B+C@EX.IO y").find()).isTrue();
        assertThat(pattern.matcher("call (415) 555-0123").find()).isTrue();
        assertThat(pattern.matcher("aXb+c@ex.io").find()).isFalse();
        assertThat(SqlText.literal("O'Brien")).isEqualTo("'O''Brien'");
        assertThat(ErasureAudit.withoutSecrets("ticket: ZOE@ex.io asked", Set.of("zoe@ex.io")))
                .isEqualTo("ticket: [erased] asked");
    }
}
