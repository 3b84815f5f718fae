package loyalty.identity.resolve;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One channel's consent and when it was last set, so a merge can keep the most recent value (SPEC §3). */
public record ConsentValue(@JsonProperty("granted") boolean granted, @JsonProperty("updated_at") Instant updatedAt) {
}
