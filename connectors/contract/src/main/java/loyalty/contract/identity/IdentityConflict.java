package loyalty.contract.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * SPEC §3 {@code identity.conflict}: a merge or an attachment the guards refused, for a person to review. Nothing
 * was merged and the event's new identifiers were not attached; the event went to {@code assigned_to}, the member
 * of its highest-priority identifier (crm_id > card > email > phone).
 *
 * @param conflictId  deterministic: {@code conflict:<event_id>}
 * @param reason      {@code crm_id_mismatch} or {@code limit_exceeded}
 * @param detail      e.g. {@code emails 4 > 3}
 * @param members     every member the event's identifiers resolved to, survivor candidate first
 * @param identifiers the event's identifiers, as {@code type:value}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentityConflict(
        @JsonProperty("kind") String kind,
        @JsonProperty("conflict_id") String conflictId,
        @JsonProperty("program") String program,
        @JsonProperty("event_id") String eventId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("reason") String reason,
        @JsonProperty("detail") String detail,
        @JsonProperty("members") List<String> members,
        @JsonProperty("assigned_to") String assignedTo,
        @JsonProperty("identifiers") List<String> identifiers) {
    public static final String KIND = "identity.conflict";
    public static final String CRM_ID_MISMATCH = "crm_id_mismatch";
    public static final String LIMIT_EXCEEDED = "limit_exceeded";

    public IdentityConflict {
        kind = KIND;
        members = members == null ? List.of() : List.copyOf(members);
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }

    public static IdentityConflict of(String program, String eventId, Instant occurredAt, String reason,
                                      String detail, List<String> members, String assignedTo,
                                      List<String> identifiers) {
        return new IdentityConflict(KIND, "conflict:" + eventId, program, eventId, occurredAt, reason, detail,
                members, assignedTo, identifiers);
    }
}
