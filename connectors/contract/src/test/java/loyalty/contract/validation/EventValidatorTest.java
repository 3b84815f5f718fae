package loyalty.contract.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import loyalty.contract.event.Event;
import loyalty.contract.event.OrderCompleted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventValidatorTest {
    private static final EventValidator VALIDATOR = new EventValidator(2_000);

    static final String ORDER = """
            {"event_id": "pos-000123", "type": "order.completed", "program": "acme",
             "occurred_at": "2026-01-05T12:00:00Z", "source": "pos",
             "identifiers": {"email": "Bob@X.com", "phone": "(415) 555-0100", "card": "C-1",
                             "crm_id": "42", "device_id": "d-9"},
             "payload": {"order_id": "O1", "net_amount": "120.50", "currency": "USD", "channel": "store",
                         "categories": ["shoes"]}}""";

    @Test
    void acceptsTheSpecExampleAndKeepsMoneyExact() {
        Validation v = VALIDATOR.validate(ORDER);
        assertThat(v).isInstanceOf(Validation.Accepted.class);
        Event event = ((Validation.Accepted) v).event();
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-01-05T12:00:00Z"));
        assertThat(event.identifiers().card()).isEqualTo("C-1");
        OrderCompleted order = event.payloadAs(OrderCompleted.class);
        assertThat(order.netAmount()).isEqualByComparingTo(new BigDecimal("120.50"));
        assertThat(order.netAmount().scale()).isEqualTo(2);
    }

    @Test
    void normalisesOffsetsToUtc() {
        Validation v = VALIDATOR.validate(ORDER.replace("2026-01-05T12:00:00Z", "2026-01-05T14:00:00+02:00"));
        assertThat(((Validation.Accepted) v).event().occurredAt()).isEqualTo(Instant.parse("2026-01-05T12:00:00Z"));
    }

    /** SPEC §7 and §13.16: such a request is answered REJECTED invalid_amount by the ledger, not dead-lettered. */
    @Test
    void aRedemptionOfZeroOrFewerPointsPassesTheDoorForTheLedgerToReject() {
        for (String points : new String[] {"0", "-25"}) {
            String raw = """
                    {"event_id": "a1", "type": "redemption.requested", "program": "acme",
                     "occurred_at": "2026-01-05T12:00:00Z", "source": "app", "identifiers": {"crm_id": "42"},
                     "payload": {"redemption_id": "R1", "points": %s}}""".formatted(points);
            assertThat(VALIDATOR.validate(raw.getBytes(StandardCharsets.UTF_8))).as(points)
                    .isInstanceOf(Validation.Accepted.class);
        }
    }

    @Test
    void programWideEventsNeedNoIdentifier() {
        String rules = """
                {"event_id": "r1", "type": "rules.published", "program": "acme", "occurred_at": "2026-01-01T00:00:00Z",
                 "source": "admin", "payload": {"rule_set": {"version": "v2"}, "effective_from": "2026-02-01T00:00:00Z"}}""";
        assertThat(VALIDATOR.validate(rules)).isInstanceOf(Validation.Accepted.class);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("truncated", ORDER.substring(0, 80), RejectReason.INVALID_JSON),
                Arguments.of("array", "[1,2]", RejectReason.NOT_AN_OBJECT),
                Arguments.of("no event id", ORDER.replace("\"event_id\": \"pos-000123\",", ""),
                        RejectReason.MISSING_FIELD),
                Arguments.of("no amount", ORDER.replace("\"net_amount\": \"120.50\",", ""), RejectReason.MISSING_FIELD),
                Arguments.of("amount as number", ORDER.replace("\"120.50\"", "120.50"), RejectReason.WRONG_TYPE),
                Arguments.of("negative amount", ORDER.replace("\"120.50\"", "\"-5.00\""), RejectReason.INVALID_VALUE),
                Arguments.of("zero amount", ORDER.replace("\"120.50\"", "\"0.00\""), RejectReason.INVALID_VALUE),
                Arguments.of("unknown type", ORDER.replace("order.completed", "order.teleported"),
                        RejectReason.UNKNOWN_TYPE),
                Arguments.of("bad channel", ORDER.replace("\"store\"", "\"fax\""), RejectReason.INVALID_VALUE),
                Arguments.of("bad time", ORDER.replace("2026-01-05T12:00:00Z", "yesterday"), RejectReason.INVALID_VALUE),
                Arguments.of("impossible date", ORDER.replace("2026-01-05T12:00:00Z", "2026-02-30T12:00:00Z"),
                        RejectReason.INVALID_VALUE),
                Arguments.of("unknown identifier", ORDER.replace("\"crm_id\"", "\"ssn\""), RejectReason.INVALID_VALUE),
                Arguments.of("no identifiers", ORDER.replaceAll("(?s)\"identifiers\": \\{.*?\\},", ""),
                        RejectReason.NO_IDENTIFIER),
                Arguments.of("oversize", ORDER.replace("\"shoes\"", "\"" + "x".repeat(3_000) + "\""),
                        RejectReason.OVERSIZE),
                Arguments.of("points not integer", """
                        {"event_id": "a1", "type": "redemption.requested", "program": "acme",
                         "occurred_at": "2026-01-05T12:00:00Z", "source": "app", "identifiers": {"crm_id": "42"},
                         "payload": {"redemption_id": "R1", "points": 1.5}}""", RejectReason.WRONG_TYPE),
                Arguments.of("points past the bound", """
                        {"event_id": "a1", "type": "redemption.requested", "program": "acme",
                         "occurred_at": "2026-01-05T12:00:00Z", "source": "app", "identifiers": {"crm_id": "42"},
                         "payload": {"redemption_id": "R1", "points": 1000000001}}""", RejectReason.INVALID_VALUE),
                Arguments.of("zero adjustment", """
                        {"event_id": "a2", "type": "points.adjusted", "program": "acme",
                         "occurred_at": "2026-01-05T12:00:00Z", "source": "admin", "identifiers": {"crm_id": "42"},
                         "payload": {"points": 0, "reason": "x", "operator": "ops"}}""", RejectReason.INVALID_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void rejectsWithAReasonCode(String name, String raw, RejectReason expected) {
        Validation v = VALIDATOR.validate(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(v).isInstanceOf(Validation.Rejected.class);
        Validation.Rejected rejected = (Validation.Rejected) v;
        assertThat(rejected.reason()).isEqualTo(expected);
        assertThat(rejected.detail()).isNotBlank();
    }
}
