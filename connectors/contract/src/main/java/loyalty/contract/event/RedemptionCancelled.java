package loyalty.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Payload of {@code redemption.cancelled}. */
public record RedemptionCancelled(@JsonProperty("redemption_id") String redemptionId) {
}
