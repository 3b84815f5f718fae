package loyalty.ledger.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The one outcome record of a redemption request or cancellation (SPEC §7, §13.16).
 *
 * @param status   APPROVED, REJECTED, CANCELLED, or CANCEL_IGNORED
 * @param reason   for REJECTED: invalid_amount, unknown_member, not_enrolled, insufficient_points; for
 *                 CANCEL_IGNORED: unknown_redemption, not_approved, already_cancelled
 * @param repeatOf the event id of the original request when this one repeats its redemption_id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RedemptionOutcome(
        @JsonProperty("redemption_id") String redemptionId,
        @JsonProperty("program") String program,
        @JsonProperty("member_id") String memberId,
        @JsonProperty("status") String status,
        @JsonProperty("reason") String reason,
        @JsonProperty("points") long points,
        @JsonProperty("available_before") Long availableBefore,
        @JsonProperty("event_id") String eventId,
        @JsonProperty("decided_at") Instant decidedAt,
        @JsonProperty("repeat_of") String repeatOf) {
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";
    public static final String CANCELLED = "CANCELLED";
    public static final String CANCEL_IGNORED = "CANCEL_IGNORED";
}
