package loyalty.ledger.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** SPEC §11 balance of a member at {@code as_of}. {@code available} is net of debt and may be negative. */
public record Balance(
        @JsonProperty("program") String program,
        @JsonProperty("member_id") String memberId,
        @JsonProperty("available") long available,
        @JsonProperty("pending") long pending,
        @JsonProperty("debt") long debt,
        @JsonProperty("lifetime_earned") long lifetimeEarned,
        @JsonProperty("redeemed") long redeemed,
        @JsonProperty("expired") long expired,
        @JsonProperty("tier") String tier,
        @JsonProperty("tier_achieved_at") Instant tierAchievedAt,
        @JsonProperty("as_of") Instant asOf) {
}
