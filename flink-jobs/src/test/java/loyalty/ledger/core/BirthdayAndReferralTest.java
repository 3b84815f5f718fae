package loyalty.ledger.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import loyalty.contract.event.EventType;
import org.junit.jupiter.api.Test;

/** SPEC §4 and §13.11–12: birthday and referral bonuses. */
class BirthdayAndReferralTest {

    private static long birthdayBonuses(LedgerScript s) {
        return s.entries.stream().filter(e -> "birthday".equals(e.note())).count();
    }

    @Test
    void theBirthdayBonusIsPaidAtMidnightUtcOncePerYear() {
        LedgerScript s = new LedgerScript();
        s.send("2026-01-01", EventType.MEMBER_ENROLLED, "{\"birth_date\":\"1990-03-15\"}");
        s.advance("2027-06-01");

        assertThat(s.entries.stream().filter(e -> "birthday".equals(e.note())).map(LedgerEntry::occurredAt))
                .containsExactly(Instant.parse("2026-03-15T00:00:00Z"), Instant.parse("2027-03-15T00:00:00Z"));
    }

    @Test
    void enrollingAtMidnightOnTheBirthdayGetsNoneThatYear() {
        LedgerScript s = new LedgerScript();
        s.send("2026-03-15T00:00:00Z", EventType.MEMBER_ENROLLED, "{\"birth_date\":\"1990-03-15\"}");
        s.advance("2026-12-31");

        assertThat(birthdayBonuses(s)).isZero();
    }

    @Test
    void the29thOfFebruaryIsCelebratedOnThe28thInOtherYears() {
        LedgerScript s = new LedgerScript();
        s.send("2026-01-01", EventType.MEMBER_ENROLLED, "{\"birth_date\":\"2000-02-29\"}");
        s.advance("2028-03-01");

        assertThat(s.entries.stream().filter(e -> "birthday".equals(e.note())).map(LedgerEntry::occurredAt))
                .containsExactly(Instant.parse("2026-02-28T00:00:00Z"), Instant.parse("2027-02-28T00:00:00Z"),
                        Instant.parse("2028-02-29T00:00:00Z"));
    }

    @Test
    void aChangedBirthDateReschedulesButPaysAtMostOncePerYear() {
        LedgerScript s = new LedgerScript();
        s.send("2026-01-01", EventType.MEMBER_ENROLLED, "{\"birth_date\":\"1990-03-15\"}");
        s.send("2026-04-01", EventType.PROFILE_UPDATED, "{\"birth_date\":\"1990-05-10\"}");   // paid in March already
        s.send("2027-01-10", EventType.PROFILE_UPDATED, "{\"birth_date\":\"1990-01-05\"}");   // passed this year
        s.advance("2027-12-31");

        assertThat(s.entries.stream().filter(e -> "birthday".equals(e.note())).map(LedgerEntry::occurredAt))
                .containsExactly(Instant.parse("2026-03-15T00:00:00Z"));
    }

    @Test
    void theFirstOrderAfterEnrolmentOwesTheReferrerAndTheBonusIsCappedPerYear() {
        LedgerScript referee = new LedgerScript("R", "r");
        referee.send("2026-01-01", EventType.MEMBER_ENROLLED, "{\"referred_by\":{\"email\":\"ann@x.com\"}}");
        referee.order("2026-01-02", "O1", "10.00");
        referee.order("2026-01-03", "O2", "10.00");

        LedgerScript referrer = new LedgerScript("A", "a").enroll("2025-12-01");
        ReferralDue due = new ReferralDue("R", JsonNodeFactory.instance.objectNode().put("email", "ann@x.com"),
                LedgerScript.at("2026-01-02"), "r2");
        referrer.record(Referrals.credit(referrer.ledger, due, referrer.rules()), due.at());
        for (int i = 0; i < 10; i++) {
            ReferralDue more = new ReferralDue("X" + i, due.referrerIdentifiers(), LedgerScript.at("2026-02-0" + 1),
                    "x" + i);
            referrer.record(Referrals.credit(referrer.ledger, more, referrer.rules()), more.at());
        }
        ReferralDue self = new ReferralDue("A", due.referrerIdentifiers(), LedgerScript.at("2027-01-02"), "self");
        referrer.record(Referrals.credit(referrer.ledger, self, referrer.rules()), self.at());

        assertThat(referrer.entries.stream().filter(e -> e.note() != null && e.note().startsWith("referral")))
                .hasSize(10);
        assertThat(referee.ledger.referralSettled).isTrue();
    }
}
