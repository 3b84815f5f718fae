package loyalty.contract.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * SPEC §3 {@code identity.merged}: the loser's identifiers, devices, history and lots now belong to the survivor.
 * It is also the record that tells the ledger what to do (SPEC §3 merge effects): move every lot and the debt of
 * {@code loser_id} to {@code survivor_id} as TRANSFER_OUT/TRANSFER_IN at {@code occurred_at}, then, when
 * {@code welcome_clawback} is set (both were enrolled), take back one welcome bonus on the survivor (SPEC §13.9).
 *
 * @param mergeId         deterministic: {@code merge:<event_id>:<loser_id>}
 * @param eventId         the event whose identifiers joined the two members
 * @param occurredAt      that event's time: the merge takes effect then (SPEC §13.20)
 * @param reason          why: {@code shared_identifiers}
 * @param identifiers     the event's identifiers that were known under different members, as {@code type:value}
 * @param survivorEnrolledAt null when the survivor was not enrolled
 * @param loserEnrolledAt    null when the loser was not enrolled
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentityMerged(
        @JsonProperty("kind") String kind,
        @JsonProperty("merge_id") String mergeId,
        @JsonProperty("program") String program,
        @JsonProperty("survivor_id") String survivorId,
        @JsonProperty("loser_id") String loserId,
        @JsonProperty("event_id") String eventId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("reason") String reason,
        @JsonProperty("identifiers") List<String> identifiers,
        @JsonProperty("survivor_enrolled_at") Instant survivorEnrolledAt,
        @JsonProperty("loser_enrolled_at") Instant loserEnrolledAt,
        @JsonProperty("welcome_clawback") boolean welcomeClawback) {
    public static final String KIND = "identity.merged";
    public static final String SHARED_IDENTIFIERS = "shared_identifiers";

    public IdentityMerged {
        kind = KIND;
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }

    public static IdentityMerged of(String program, String survivorId, String loserId, String eventId,
                                    Instant occurredAt, List<String> identifiers, Instant survivorEnrolledAt,
                                    Instant loserEnrolledAt) {
        return new IdentityMerged(KIND, "merge:" + eventId + ":" + loserId, program, survivorId, loserId, eventId,
                occurredAt, SHARED_IDENTIFIERS, identifiers, survivorEnrolledAt, loserEnrolledAt,
                survivorEnrolledAt != null && loserEnrolledAt != null);
    }
}
