package loyalty.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Payload of {@code redemption.requested}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RedemptionRequested(
        @JsonProperty("redemption_id") String redemptionId,
        @JsonProperty("points") long points,
        @JsonProperty("reward_id") String rewardId) {
}
