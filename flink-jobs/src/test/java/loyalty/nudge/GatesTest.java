package loyalty.nudge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import loyalty.contract.event.EventJson;
import loyalty.ledger.rules.RuleSet;
import loyalty.ledger.rules.RuleSets;
import org.junit.jupiter.api.Test;

/** SPEC §10 gates in order, and §13.14 for REDEMPTION_CONFIRMED. */
class GatesTest {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final RuleSet NO_HOLDOUT = NudgeScript.NO_HOLDOUT;
    private static final RuleSet DEFAULTS = RuleSets.defaults();
    /** Buckets (SHA-256 of "acme:id", first 8 bytes, mod 10,000) computed independently: 355 and 6268. */
    private static final String HELD_OUT = "M-h2";
    private static final String NOT_HELD_OUT = "M-e1";

    @Test
    void theCapAllowsThreeInAnySevenDaysAndTheWindowIsHalfOpen() {
        MemberNudges m = member(NOT_HELD_OUT, "{\"push\":true}");
        for (int day = 0; day < 3; day++) {
            assertThat(decide(marketing(NOT_HELD_OUT, T0.plus(Duration.ofDays(day)), "d" + day), m, NO_HOLDOUT)
                    .status()).isEqualTo(Nudge.DELIVERED);
        }

        Nudge justInside = decide(marketing(NOT_HELD_OUT, T0.plus(Duration.ofDays(7)).minusMillis(1), "x"), m,
                NO_HOLDOUT);
        Nudge atSevenDays = decide(marketing(NOT_HELD_OUT, T0.plus(Duration.ofDays(7)), "y"), m, NO_HOLDOUT);

        assertThat(justInside.reason()).isEqualTo(Gates.FREQUENCY_CAP);
        assertThat(justInside.channel()).as("consent was checked before the cap").isEqualTo("push");
        assertThat(atSevenDays.status()).as("T0 is outside (T0+7d − 7d, T0+7d]").isEqualTo(Nudge.DELIVERED);
    }

    @Test
    void redemptionConfirmedSkipsTheCapAndDoesNotCountTowardIt() {
        MemberNudges m = member(NOT_HELD_OUT, "{\"push\":true}");
        decide(marketing(NOT_HELD_OUT, T0, "a"), m, NO_HOLDOUT);
        decide(marketing(NOT_HELD_OUT, T0.plusSeconds(1), "b"), m, NO_HOLDOUT);
        Nudge confirmed = decide(confirmation(NOT_HELD_OUT, T0.plusSeconds(2)), m, NO_HOLDOUT);
        Nudge third = decide(marketing(NOT_HELD_OUT, T0.plusSeconds(3), "c"), m, NO_HOLDOUT);
        Nudge fourth = decide(marketing(NOT_HELD_OUT, T0.plusSeconds(4), "d"), m, NO_HOLDOUT);
        Nudge confirmedAtCap = decide(confirmation(NOT_HELD_OUT, T0.plusSeconds(5)), m, NO_HOLDOUT);

        assertThat(confirmed.status()).isEqualTo(Nudge.DELIVERED);
        assertThat(third.status()).as("the confirmation did not count").isEqualTo(Nudge.DELIVERED);
        assertThat(fourth.reason()).isEqualTo(Gates.FREQUENCY_CAP);
        assertThat(confirmedAtCap.status()).isEqualTo(Nudge.DELIVERED);
    }

    @Test
    void aHeldOutMemberGetsNoMarketingNudgeButItsRedemptionIsConfirmed() {
        assertThat(Holdout.bucket("acme", HELD_OUT)).isEqualTo(355);
        MemberNudges m = member(HELD_OUT, "{\"push\":true}");

        Nudge marketing = decide(marketing(HELD_OUT, T0, "a"), m, DEFAULTS);
        Nudge confirmation = decide(confirmation(HELD_OUT, T0), m, DEFAULTS);
        Nudge other = decide(marketing(NOT_HELD_OUT, T0, "a"), member(NOT_HELD_OUT, "{\"push\":true}"), DEFAULTS);

        assertThat(marketing.reason()).isEqualTo(Gates.HOLDOUT);
        assertThat(marketing.holdout()).isTrue();
        assertThat(marketing.channel()).isNull();
        assertThat(confirmation.status()).isEqualTo(Nudge.DELIVERED);
        assertThat(confirmation.holdout()).as("the flag says who the member is, whatever the nudge").isTrue();
        assertThat(m.delivered).as("a held-out nudge is not delivered, so it does not count").isEmpty();
        assertThat(other.status()).isEqualTo(Nudge.DELIVERED);
        assertThat(other.holdout()).isFalse();
    }

    @Test
    void theFirstConsentedChannelInTheRuleSetsOrderAndAConsentChange() {
        MemberNudges m = member(NOT_HELD_OUT, "{\"push\":false,\"email\":true,\"sms\":true}");
        assertThat(decide(marketing(NOT_HELD_OUT, T0, "a"), m, NO_HOLDOUT).channel()).isEqualTo("email");

        m.consent(json("{\"push\":true}"), T0.plusSeconds(10));
        assertThat(decide(marketing(NOT_HELD_OUT, T0.plusSeconds(20), "b"), m, NO_HOLDOUT).channel())
                .isEqualTo("push");

        m.consent(json("{\"push\":false,\"email\":false,\"sms\":false}"), T0.plusSeconds(30));
        m.consent(json("{\"email\":true}"), T0.plusSeconds(25)); // a late event does not undo the newer choice
        Nudge none = decide(marketing(NOT_HELD_OUT, T0.plusSeconds(40), "c"), m, NO_HOLDOUT);
        assertThat(none.reason()).isEqualTo(Gates.NO_CONSENT);
        assertThat(decide(confirmation(NOT_HELD_OUT, T0.plusSeconds(41)), m, NO_HOLDOUT).reason())
                .as("transactional nudges still need a consented channel").isEqualTo(Gates.NO_CONSENT);
    }

    @Test
    void notEnrolledOrMergedComesFirst() {
        MemberNudges profile = member(HELD_OUT, "{\"push\":true}");
        profile.enrolled = false;
        MemberNudges merged = member(NOT_HELD_OUT, "{\"push\":true}");
        merged.status = MemberNudges.MERGED;

        Nudge p = decide(marketing(HELD_OUT, T0, "a"), profile, DEFAULTS);
        Nudge c = decide(confirmation(NOT_HELD_OUT, T0), merged, DEFAULTS);

        assertThat(p.reason()).as("before holdout").isEqualTo(Gates.NOT_ENROLLED);
        assertThat(p.holdout()).isTrue();
        assertThat(c.reason()).isEqualTo(Gates.NOT_ENROLLED);
    }

    @Test
    void holdoutComesBeforeConsent() {
        Nudge n = decide(marketing(HELD_OUT, T0, "a"), member(HELD_OUT, "{}"), DEFAULTS);

        assertThat(n.reason()).isEqualTo(Gates.HOLDOUT);
    }

    private static Nudge decide(NudgeTrigger t, MemberNudges m, RuleSet rs) {
        return Gates.decide(t, "acme", m, rs, t.context());
    }

    private static NudgeTrigger marketing(String member, Instant at, String key) {
        return new NudgeTrigger(NudgeType.REWARD_UNLOCKED, member, at, key, null,
                EventJson.mapper().createObjectNode());
    }

    private static NudgeTrigger confirmation(String member, Instant at) {
        return new NudgeTrigger(NudgeType.REDEMPTION_CONFIRMED, member, at, "R-" + at.getEpochSecond(), "e",
                EventJson.mapper().createObjectNode());
    }

    private static MemberNudges member(String id, String consent) {
        MemberNudges m = new MemberNudges("acme", id);
        m.enrolled = true;
        m.consent(json(consent), T0.minus(Duration.ofDays(1)));
        return m;
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
