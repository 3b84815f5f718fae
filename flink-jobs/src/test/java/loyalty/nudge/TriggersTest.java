package loyalty.nudge;

import static loyalty.nudge.NudgeScript.at;
import static org.assertj.core.api.Assertions.assertThat;

import loyalty.contract.event.EventType;
import org.junit.jupiter.api.Test;

/** SPEC §10 and §13.13–14: one test per trigger, through the ledger core as the operator drives it. */
class TriggersTest {

    @Test
    void welcomeOnEnrolmentOnly() {
        NudgeScript s = new NudgeScript("M-1").enroll("2026-01-01");
        s.enroll("2026-01-02");

        assertThat(s.of(NudgeType.WELCOME)).singleElement().satisfies(n -> {
            assertThat(n.nudgeId()).isEqualTo("WELCOME:M-1:M-1-e1");
            assertThat(n.status()).isEqualTo(Nudge.DELIVERED);
            assertThat(n.channel()).isEqualTo("push");
            assertThat(n.triggeredAt()).isEqualTo(at("2026-01-01"));
            assertThat(n.context().path("available").asLong()).isEqualTo(100);
            assertThat(n.context().path("tier").asText()).isEqualTo("MEMBER");
        });
    }

    @Test
    void tierUpgradeOnAnUpgradeButNotForTheTierSetAtEnrolment() {
        NudgeScript upgraded = new NudgeScript("M-1").enroll("2026-01-01").order("2026-01-05", "O1", "600.00");
        NudgeScript historic = new NudgeScript("M-2").order("2026-01-01", "O1", "600.00").enroll("2026-01-02");

        assertThat(upgraded.of(NudgeType.TIER_UPGRADE)).singleElement().satisfies(n -> {
            assertThat(n.context().path("to_tier").asText()).isEqualTo("SILVER");
            assertThat(n.context().path("tier").asText()).isEqualTo("SILVER");
            assertThat(n.triggeredAt()).isEqualTo(at("2026-01-05"));
        });
        assertThat(historic.ledger.tier).isEqualTo("SILVER");
        assertThat(historic.of(NudgeType.TIER_UPGRADE)).as("SPEC §13.7: no TIER_UPGRADE at enrolment").isEmpty();
    }

    @Test
    void nearTierWhenTheSpendStillNeededIsWithinTheShareAndOncePerThirtyDays() {
        NudgeScript s = new NudgeScript("M-1").enroll("2026-01-01").order("2026-01-05", "O1", "450.00");
        s.order("2026-01-10", "O2", "1.00");            // still near: within 30 days, no second one
        s.order("2026-02-04", "O3", "1.00");            // 01-05 + 30 d exactly: allowed again (SPEC §13.2)

        assertThat(s.of(NudgeType.NEAR_TIER)).extracting(n -> n.triggeredAt() + " " + n.context().path(
                        "target_tier").asText() + " " + n.context().path("spend_needed").asText())
                .containsExactly(at("2026-01-05") + " SILVER 50.00", at("2026-02-04") + " SILVER 48.00");
    }

    @Test
    void noNearTierJustOutsideTheShare() {
        NudgeScript s = new NudgeScript("M-1").enroll("2026-01-01").order("2026-01-05", "O1", "449.99");

        assertThat(s.of(NudgeType.NEAR_TIER)).as("50.01 still needed > 10% of 500").isEmpty();
    }

    @Test
    void theNearTierLimitCountsASuppressedTrigger() {
        NudgeScript s = new NudgeScript("M-1").send("2026-01-01", EventType.MEMBER_ENROLLED, "{}")
                .order("2026-01-05", "O1", "450.00")
                .consent("2026-01-06", "{\"push\":true}")
                .order("2026-01-10", "O2", "1.00")
                .order("2026-02-04", "O3", "1.00");

        assertThat(s.of(NudgeType.NEAR_TIER)).extracting(n -> n.status() + " " + n.reason())
                .containsExactly("SUPPRESSED no_consent", "DELIVERED null");
        assertThat(s.of(NudgeType.NEAR_TIER).get(1).triggeredAt()).isEqualTo(at("2026-02-04"));
    }

    @Test
    void rewardUnlockedOnceForTheHighestThresholdCrossedAndAgainOnANewCrossing() {
        NudgeScript s = new NudgeScript("M-1").enroll("2026-01-01")
                .adjust("2026-01-02", 2500)          // 100 → 2,600: crosses 500, 1,000 and 2,500
                .redeem("2026-01-03", "R1", 2000)    // 600
                .adjust("2026-01-04", 500);          // 1,100: crosses 1,000 again

        assertThat(s.of(NudgeType.REWARD_UNLOCKED)).extracting(n -> n.context().path("reward_threshold").asLong())
                .containsExactly(2500L, 1000L);
    }

    @Test
    void rewardUnlockedWhenPendingPointsBecomeAvailableOnTheirTimer() {
        NudgeScript s = new NudgeScript("M-1").enroll("2026-01-01").order("2026-01-05", "O1", "450.00");
        assertThat(s.of(NudgeType.REWARD_UNLOCKED)).as("pending points are not available").isEmpty();

        s.advance("2026-01-25");

        assertThat(s.of(NudgeType.REWARD_UNLOCKED)).singleElement().satisfies(n -> {
            assertThat(n.triggeredAt()).isEqualTo(at("2026-01-19"));
            assertThat(n.nudgeId()).isEqualTo("REWARD_UNLOCKED:M-1:due@2026-01-19T12:00:00Z:500");
            assertThat(n.sourceEventId()).isNull();
        });
    }

    @Test
    void birthdayWhenTheBonusIsPaid() {
        NudgeScript s = new NudgeScript("M-1").send("2026-01-01", EventType.MEMBER_ENROLLED,
                "{\"birth_date\":\"1990-03-15\",\"consent\":{\"email\":true}}");
        s.advance("2026-03-14");
        assertThat(s.of(NudgeType.BIRTHDAY)).isEmpty();

        s.advance("2026-03-20");

        assertThat(s.of(NudgeType.BIRTHDAY)).singleElement().satisfies(n -> {
            assertThat(n.nudgeId()).isEqualTo("BIRTHDAY:M-1:2026");
            assertThat(n.triggeredAt()).isEqualTo(at("2026-03-15T00:00:00Z"));
            assertThat(n.channel()).isEqualTo("email");
            assertThat(n.context().path("points").asLong()).isEqualTo(100);
        });
    }

    @Test
    void redemptionConfirmedForAnApprovedRequestButNotForARepeatOrARejection() {
        NudgeScript s = new NudgeScript("M-1").enroll("2026-01-01")
                .redeem("2026-01-02", "R1", 50)
                .redeem("2026-01-03", "R1", 50)
                .redeem("2026-01-04", "R2", 5000);

        assertThat(s.of(NudgeType.REDEMPTION_CONFIRMED)).singleElement().satisfies(n -> {
            assertThat(n.nudgeId()).isEqualTo("REDEMPTION_CONFIRMED:M-1:R1");
            assertThat(n.context().path("redemption_id").asText()).isEqualTo("R1");
            assertThat(n.context().path("points").asLong()).isEqualTo(50);
            assertThat(n.context().path("available").asLong()).isEqualTo(50);
        });
    }

    @Test
    void churnRiskFromTheChurnModelAtTheThresholdOncePerThirtyDays() {
        NudgeScript s = new NudgeScript("M-1").enroll("2026-01-01")
                .score("2026-01-02", "churn", "0.7")
                .score("2026-01-03", "churn", "0.9")       // within 30 days
                .score("2026-01-20", "upsell", "0.99")     // another model
                .score("2026-02-01", "churn", "0.69")      // below the threshold, and does not count
                .score("2026-02-01T12:00:01Z", "churn", "0.95");

        assertThat(s.of(NudgeType.CHURN_RISK)).extracting(n -> n.triggeredAt() + " " + n.context().path("score")
                        .asText() + " " + n.context().path("model_version").asText())
                .containsExactly(at("2026-01-02") + " 0.7 v1", at("2026-02-01T12:00:01Z") + " 0.95 v1");
    }

    @Test
    void theChurnLimitCountsASuppressedTrigger() {
        NudgeScript s = new NudgeScript("M-1").send("2026-01-01", EventType.MEMBER_ENROLLED, "{}")
                .score("2026-01-02", "churn", "0.8")
                .consent("2026-01-03", "{\"sms\":true}")
                .score("2026-01-31", "churn", "0.8")
                .score("2026-02-01", "churn", "0.8");

        assertThat(s.of(NudgeType.CHURN_RISK)).extracting(n -> n.status() + " " + n.channel())
                .containsExactly("SUPPRESSED null", "DELIVERED sms");
    }

    @Test
    void pointsExpiringAtMidnightThirtyDaysBeforeTheExpiryDate() {
        NudgeScript s = new NudgeScript("M-1").enroll("2026-01-01");   // welcome lot expires 2027-01-01 12:00
        s.advance("2026-12-01T23:59:59Z");
        assertThat(s.of(NudgeType.POINTS_EXPIRING)).isEmpty();

        s.advance("2027-02-01");

        assertThat(s.of(NudgeType.POINTS_EXPIRING)).singleElement().satisfies(n -> {
            assertThat(n.triggeredAt()).isEqualTo(at("2026-12-02T00:00:00Z"));
            assertThat(n.nudgeId()).isEqualTo("POINTS_EXPIRING:M-1:2027-01-01");
            assertThat(n.context().path("points_expiring").asLong()).isEqualTo(100);
            assertThat(n.context().path("expiring_on").asText()).isEqualTo("2027-01-01");
        });
    }

    @Test
    void pointsExpiringNeedsTheMinimumOnThatDateSummedOverItsLots() {
        NudgeScript below = new NudgeScript("M-1").enroll("2026-01-01").redeem("2026-01-02", "R1", 51);
        NudgeScript exactly = new NudgeScript("M-2").enroll("2026-01-01").redeem("2026-01-02", "R1", 50);
        NudgeScript twoLots = new NudgeScript("M-3").enroll("2026-01-01")
                .redeem("2026-01-01T12:30:00Z", "R1", 80)   // welcome lot keeps 20
                .adjust("2026-01-01T13:00:00Z", 30);        // a second lot, same expiry date
        for (NudgeScript s : java.util.List.of(below, exactly, twoLots)) {
            s.advance("2027-02-01");
        }

        assertThat(below.of(NudgeType.POINTS_EXPIRING)).as("49 < 50").isEmpty();
        assertThat(exactly.of(NudgeType.POINTS_EXPIRING)).extracting(n -> n.context().path("points_expiring")
                .asLong()).containsExactly(50L);
        assertThat(twoLots.of(NudgeType.POINTS_EXPIRING)).extracting(n -> n.context().path("points_expiring")
                .asLong()).containsExactly(50L);
    }

    @Test
    void lapseRiskSixtyDaysAfterTheLastOrderOncePerLapse() {
        NudgeScript s = new NudgeScript("M-1").enroll("2026-01-01").order("2026-01-05", "O1", "10.00");
        s.advance("2026-12-31");
        s.order("2027-01-05", "O2", "10.00").advance("2027-06-01");

        assertThat(s.of(NudgeType.LAPSE_RISK)).extracting(n -> n.triggeredAt() + " " + n.sourceEventId())
                .containsExactly(at("2026-03-06") + " M-1-e2", at("2027-03-06") + " M-1-e3");
    }

    @Test
    void aLaterOrderMovesTheLapse() {
        NudgeScript s = new NudgeScript("M-1").enroll("2026-01-01").order("2026-01-05", "O1", "10.00")
                .order("2026-03-01", "O2", "10.00");
        s.advance("2026-05-01");

        assertThat(s.of(NudgeType.LAPSE_RISK)).extracting(Nudge::triggeredAt).containsExactly(at("2026-04-30"));
    }

    @Test
    void aProfileThatIsNotEnrolledHasItsTriggersRecordedAsSuppressed() {
        NudgeScript s = new NudgeScript("M-1").order("2026-01-05", "O1", "10.00");
        s.advance("2026-04-01");

        assertThat(s.nudges).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(NudgeType.LAPSE_RISK);
            assertThat(n.status()).isEqualTo(Nudge.SUPPRESSED);
            assertThat(n.reason()).isEqualTo(Gates.NOT_ENROLLED);
        });
    }
}
