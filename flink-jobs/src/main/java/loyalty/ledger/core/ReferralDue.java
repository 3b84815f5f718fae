package loyalty.ledger.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * SPEC §4, §13.11: a referee's first order after enrolment owes its referrer a bonus. The referrer is named by the
 * identifiers the referee enrolled with and is resolved at this time, outside the referee's ledger; then
 * {@link Referrals#credit} pays it on the referrer's.
 */
public record ReferralDue(
        @JsonProperty("referee_id") String refereeId,
        @JsonProperty("referrer_identifiers") JsonNode referrerIdentifiers,
        @JsonProperty("at") Instant at,
        @JsonProperty("event_id") String eventId) {
}
