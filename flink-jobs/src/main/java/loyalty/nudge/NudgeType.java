package loyalty.nudge;

/** The nudge triggers of SPEC §10. All but {@link #REDEMPTION_CONFIRMED} are marketing (SPEC §13.14). */
public enum NudgeType {
    WELCOME, TIER_UPGRADE, NEAR_TIER, POINTS_EXPIRING, LAPSE_RISK, CHURN_RISK, REWARD_UNLOCKED, BIRTHDAY,
    REDEMPTION_CONFIRMED;

    /** Marketing nudges pass holdout and the frequency cap and count toward it; transactional ones do not. */
    public boolean marketing() {
        return this != REDEMPTION_CONFIRMED;
    }
}
