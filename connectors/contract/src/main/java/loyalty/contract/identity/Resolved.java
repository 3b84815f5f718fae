package loyalty.contract.identity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import loyalty.contract.event.Event;

/**
 * One record of {@code loyalty.identity.resolved}, the stream the ledger consumes, keyed by program: one program's
 * records sit in one partition in the order identity resolution wrote them, SPEC §1 event-time order per program,
 * which the ledger then needs no buffering to keep (merges and referrals cross members, so the order across a
 * program's members matters). Identity resolution writes:
 * <ul>
 *   <li>{@code kind = "event"}: every input event that passed resolution, with the member it belongs to now;
 *       {@code member_id} is null when the event is unattributed (no ledger effect) or needs no member
 *       ({@code rules.published});</li>
 *   <li>{@code kind = "merge"}: {@code member_id} is the <em>loser</em>; written just before the event that caused
 *       it, so the ledger moves the loser's lots to the survivor before that event takes effect.</li>
 * </ul>
 *
 * @param resolution how the member was found: created, matched, attached, merged, conflict, device, scored,
 *                   unattributed, not_needed
 * @param late       the event arrived after the out-of-orderness bound and was applied at arrival (SPEC §1)
 * @param referrerId for an order of a member who enrolled referred by someone: the member the referrer's
 *                   identifiers resolve to at the order's time (SPEC §13.11); the ledger pays the referral bonus to
 *                   it if this is the referee's first order. Null otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resolved(
        @JsonProperty("kind") String kind,
        @JsonProperty("program") String program,
        @JsonProperty("member_id") String memberId,
        @JsonProperty("resolution") String resolution,
        @JsonProperty("late") boolean late,
        @JsonProperty("event") Event event,
        @JsonProperty("merge") IdentityMerged merge,
        @JsonProperty("referrer_id") String referrerId) {
    public static final String EVENT = "event";
    public static final String MERGE = "merge";

    public static Resolved event(String memberId, String resolution, boolean late, Event event) {
        return new Resolved(EVENT, event.program(), memberId, resolution, late, event, null, null);
    }

    /** The same record naming the member the event's referral resolves to (see {@code referrer_id}). */
    public Resolved withReferrer(String referrer) {
        return new Resolved(kind, program, memberId, resolution, late, event, merge, referrer);
    }

    public static Resolved merge(IdentityMerged merge, boolean late) {
        return new Resolved(MERGE, merge.program(), merge.loserId(), "merged", late, null, merge, null);
    }

    /** The Kafka key: the program, so that a program's records keep their order. */
    @JsonIgnore
    public String key() {
        return program;
    }
}
