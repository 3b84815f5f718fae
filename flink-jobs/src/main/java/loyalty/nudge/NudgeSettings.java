package loyalty.nudge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * The {@code nudges} settings of a rule set (SPEC §10, §13.13–15), defaults filled from the default rule set like
 * every other key. Durations are whole days of 24 h (SPEC §13.2).
 *
 * @param channels          channels in order of preference; the first one the member consented to is used
 * @param rewardThresholds  available balances whose upward crossing unlocks a reward (REWARD_UNLOCKED)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NudgeSettings(
        @JsonProperty("holdout_share") BigDecimal holdoutShare,
        @JsonProperty("frequency_cap") FrequencyCap frequencyCap,
        @JsonProperty("channels") List<String> channels,
        @JsonProperty("near_tier_share") BigDecimal nearTierShare,
        @JsonProperty("near_tier_repeat_days") int nearTierRepeatDays,
        @JsonProperty("expiry_reminder_days") int expiryReminderDays,
        @JsonProperty("expiry_reminder_min_points") long expiryReminderMinPoints,
        @JsonProperty("lapse_days") int lapseDays,
        @JsonProperty("churn_score") BigDecimal churnScore,
        @JsonProperty("churn_repeat_days") int churnRepeatDays,
        @JsonProperty("reward_thresholds") List<Long> rewardThresholds) implements Serializable {

    public NudgeSettings {
        channels = channels == null ? List.of() : List.copyOf(channels);
        rewardThresholds = rewardThresholds == null ? List.of() : List.copyOf(rewardThresholds);
    }

    /** At most {@code max} delivered marketing nudges per member in any {@code (t − window_days, t]}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FrequencyCap(@JsonProperty("max") int max,
                               @JsonProperty("window_days") int windowDays) implements Serializable {
    }
}
