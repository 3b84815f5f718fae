package loyalty.ledger.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One row of tier history (SPEC §8): from → to at a time, with its cause ({@code enrollment}, {@code upgrade},
 * {@code review}, {@code return}, {@code merge}) and the event or timer behind it.
 */
public record TierChange(
        @JsonProperty("program") String program,
        @JsonProperty("member_id") String memberId,
        @JsonProperty("from_tier") String fromTier,
        @JsonProperty("to_tier") String toTier,
        @JsonProperty("achieved_at") Instant achievedAt,
        @JsonProperty("cause") String cause,
        @JsonProperty("source_event_id") String sourceEventId,
        @JsonProperty("qualifying_spend") java.math.BigDecimal qualifyingSpend) {
}
