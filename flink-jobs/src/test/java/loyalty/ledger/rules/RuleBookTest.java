package loyalty.ledger.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import loyalty.contract.event.EventJson;
import org.junit.jupiter.api.Test;

class RuleBookTest {
    private static final Instant JAN_15 = Instant.parse("2026-01-15T00:00:00Z");
    private static final Instant FEB_1 = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant FEB_10 = Instant.parse("2026-02-10T00:00:00Z");
    private static final Instant MAR_1 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APR_1 = Instant.parse("2026-04-01T00:00:00Z");

    private final RuleBook book = new RuleBook();

    @Test
    void aProgramThatPublishedNothingRunsOnTheDefaults() {
        assertThat(book.at(MAR_1)).isSameAs(RuleSets.defaults());
    }

    @Test
    void beforeTheFirstEffectiveFromTheDefaultsApply() {
        book.publish(ruleSet("1", MAR_1));

        assertThat(book.at(FEB_1).version()).isEqualTo("default");
        assertThat(book.at(MAR_1.minusMillis(1)).version()).isEqualTo("default");
        assertThat(book.at(MAR_1).version()).isEqualTo("1");
        assertThat(book.at(APR_1).version()).isEqualTo("1");
    }

    @Test
    void theGreatestEffectiveFromNotAfterTheEventWins() {
        book.publish(ruleSet("1", FEB_1));
        book.publish(ruleSet("2", MAR_1));

        assertThat(book.at(FEB_10).version()).isEqualTo("1");
        assertThat(book.at(MAR_1).version()).isEqualTo("2");
    }

    @Test
    void onEqualEffectiveFromTheLaterPublicationWins() {
        book.publish(ruleSet("first", FEB_1));
        book.publish(ruleSet("second", FEB_1));

        assertThat(book.at(FEB_1).version()).isEqualTo("second");
        assertThat(book.at(APR_1).version()).isEqualTo("second");
    }

    @Test
    void aLaterPublicationWithAnEarlierEffectiveFromFillsOnlyTheGapBeforeTheOther() {
        book.publish(ruleSet("march", MAR_1));
        book.publish(ruleSet("february", FEB_1));

        assertThat(book.at(JAN_15).version()).isEqualTo("default");
        assertThat(book.at(FEB_1).version()).isEqualTo("february");
        assertThat(book.at(FEB_10).version()).isEqualTo("february");
        assertThat(book.at(MAR_1).version()).isEqualTo("march");
        assertThat(book.at(APR_1).version()).isEqualTo("march");
    }

    @Test
    void anInvalidPublicationLeavesThePreviousRulesInForce() {
        book.publish(json("{\"version\": \"1\"}"), FEB_1);

        RuleSets.Parsed parsed = book.publish(json("{\"version\": \"2\", \"base_rate\": \"-1\"}"), MAR_1);

        assertThat(parsed).isInstanceOf(RuleSets.Parsed.Invalid.class);
        assertThat(book.published()).extracting(RuleSet::version).containsExactly("1");
        assertThat(book.at(APR_1).version()).isEqualTo("1");
    }

    @Test
    void survivesJavaSerialisation() throws Exception {
        book.publish(ruleSet("march", MAR_1));
        book.publish(ruleSet("february", FEB_1));

        RuleBook copy = roundTrip(book);

        assertThat(copy.published()).isEqualTo(book.published());
        assertThat(copy.at(FEB_10).version()).isEqualTo("february");
        assertThat(copy.at(APR_1).version()).isEqualTo("march");
    }

    @Test
    void survivesJson() throws Exception {
        book.publish(json("""
                {"version": "c", "campaigns": [{"id": "x", "condition": "order.channel == 'app'", "multiplier": "1.5",
                                                "valid_from": "2026-02-01T00:00:00Z"}]}"""), FEB_1);
        book.publish(ruleSet("march", MAR_1));

        String json = EventJson.mapper().writeValueAsString(book);
        RuleBook copy = EventJson.mapper().readValue(json, RuleBook.class);

        assertThat(copy.published()).isEqualTo(book.published());
        assertThat(copy.at(FEB_10).campaigns().get(0).validFrom()).isEqualTo(FEB_1);
        assertThat(copy.at(APR_1).version()).isEqualTo("march");
    }

    private static RuleSet ruleSet(String version, Instant effectiveFrom) {
        RuleSets.Parsed parsed = RuleSets.parse(json("{\"version\": \"" + version + "\"}"), effectiveFrom);
        return ((RuleSets.Parsed.Valid) parsed).rules();
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
