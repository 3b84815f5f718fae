package loyalty.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/** Payload of {@code ml.scored}: a model's score for a member, in [0, 1]. */
public record MlScored(
        @JsonProperty("member_id") String memberId,
        @JsonProperty("model") String model,
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("score") BigDecimal score) {
}
