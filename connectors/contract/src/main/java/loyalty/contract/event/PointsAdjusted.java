package loyalty.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Payload of {@code points.adjusted}: a signed manual correction with who made it and why. */
public record PointsAdjusted(
        @JsonProperty("points") long points,
        @JsonProperty("reason") String reason,
        @JsonProperty("operator") String operator) {
}
