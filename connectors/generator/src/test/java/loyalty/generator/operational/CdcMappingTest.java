package loyalty.generator.operational;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import loyalty.contract.event.EventType;
import org.junit.jupiter.api.Test;

/** The CDC mapping as the manifest counts it, one rule per test. */
class CdcMappingTest {
    private static final Instant T0 = Instant.parse("2026-01-05T12:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-06T12:00:00Z");
    private static final CustomerRow BOB = new CustomerRow("1000001", "acme", "Bob@X.com", "(415) 555-0100", null,
            "Bob", "Smith", LocalDate.of(1980, 2, 29), "US", true, false, false, false, null, null, T0, T0);
    private static final OrderRow PLACED = new OrderRow("W1000001", "acme", "1000001", "bob@x.com", null, null, null,
            new BigDecimal("120.50"), "USD", "web", List.of("shoes"), "PLACED", null, T0, T0);

    @Test
    void aCustomerInsertIsAnEnrollmentWhenEnrolledElseAProfileUpdate() {
        assertThat(insert(BOB)).contains(EventType.PROFILE_UPDATED);
        assertThat(insert(enrolled(BOB))).contains(EventType.MEMBER_ENROLLED);
    }

    @Test
    void aCustomerUpdateThatFlipsEnrollmentIsAnEnrollmentEvenWithOtherChanges() {
        CustomerRow joined = enrolled(withEmail(BOB, "bob@y.com"));
        assertThat(update(BOB, joined)).contains(EventType.MEMBER_ENROLLED);
    }

    @Test
    void aCustomerUpdateOfAMappedColumnIsAProfileUpdateAndOtherwiseNothing() {
        assertThat(update(BOB, withEmail(BOB, "bob@y.com"))).contains(EventType.PROFILE_UPDATED);
        CustomerRow touched = new CustomerRow(BOB.crmId(), BOB.program(), BOB.email(), BOB.phone(), BOB.cardNumber(),
                BOB.firstName(), BOB.lastName(), BOB.birthDate(), BOB.country(), BOB.consentEmail(), BOB.consentSms(),
                BOB.consentPush(), false, null, "1000009", BOB.createdAt(), T1);
        assertThat(update(BOB, touched)).isEmpty();
        CustomerRow unenrolled = new CustomerRow(BOB.crmId(), BOB.program(), BOB.email(), BOB.phone(), null,
                BOB.firstName(), BOB.lastName(), BOB.birthDate(), BOB.country(), BOB.consentEmail(), BOB.consentSms(),
                BOB.consentPush(), false, null, null, BOB.createdAt(), T1);
        assertThat(update(enrolled(BOB), unenrolled)).isEmpty();
    }

    @Test
    void aCustomerDeleteIsNothing() {
        assertThat(new OperationalChange(T1, 1, 2, OperationalChange.Kind.DELETE, BOB, null, null).expectedEvent())
                .isEmpty();
    }

    @Test
    void anOrderCompletesOnceWhenItReachesCompleted() {
        OrderRow paid = PLACED.withStatus("PAID", T1, null);
        OrderRow completed = paid.withStatus("COMPLETED", T1, T1);
        assertThat(insert(PLACED)).isEmpty();
        assertThat(update(PLACED, paid)).isEmpty();
        assertThat(update(paid, completed)).contains(EventType.ORDER_COMPLETED);
        assertThat(update(completed, completed.withStatus("COMPLETED", T1.plusSeconds(60), T1))).isEmpty();
        assertThat(update(PLACED, PLACED.withStatus("CANCELLED", T1, null))).isEmpty();
        assertThat(insert(PLACED.withStatus("COMPLETED", T0, T0))).contains(EventType.ORDER_COMPLETED);
    }

    @Test
    void returnAndRuleSetInsertsAreAReturnAndAPublication() {
        assertThat(insert(new ReturnRow("R1000001", "acme", null, "1000001", null, null, null, BigDecimal.TEN, T1)))
                .contains(EventType.ORDER_RETURNED);
        assertThat(insert(new RuleSetRow("acme", "1", T0, "{\"version\":\"1\"}", T0)))
                .contains(EventType.RULES_PUBLISHED);
    }

    private static Optional<EventType> insert(Row row) {
        return new OperationalChange(T0, 1, 0, OperationalChange.Kind.INSERT, null, row, null).expectedEvent();
    }

    private static Optional<EventType> update(Row before, Row after) {
        return new OperationalChange(T1, 1, 1, OperationalChange.Kind.UPDATE, before, after, null).expectedEvent();
    }

    private static CustomerRow enrolled(CustomerRow c) {
        return new CustomerRow(c.crmId(), c.program(), c.email(), c.phone(), c.cardNumber(), c.firstName(),
                c.lastName(), c.birthDate(), c.country(), c.consentEmail(), c.consentSms(), c.consentPush(), true, T1,
                c.referredBy(), c.createdAt(), T1);
    }

    private static CustomerRow withEmail(CustomerRow c, String email) {
        return new CustomerRow(c.crmId(), c.program(), email, c.phone(), c.cardNumber(), c.firstName(), c.lastName(),
                c.birthDate(), c.country(), c.consentEmail(), c.consentSms(), c.consentPush(), c.loyaltyEnrolled(),
                c.enrolledAt(), c.referredBy(), c.createdAt(), T1);
    }
}
