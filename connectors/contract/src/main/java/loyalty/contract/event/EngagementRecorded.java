package loyalty.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Payload of {@code engagement.recorded}: review, social_share, survey, … */
public record EngagementRecorded(@JsonProperty("kind") String kind) {
}
