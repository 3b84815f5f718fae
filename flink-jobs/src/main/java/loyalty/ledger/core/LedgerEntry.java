package loyalty.ledger.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One SPEC §11 ledger entry. Ids are deterministic ({@code <source>:<TYPE>:<n>}), so a replay writes the same ids.
 *
 * @param lotId null for the debt part of a clawback and for debt transfers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerEntry(
        @JsonProperty("entry_id") String entryId,
        @JsonProperty("program") String program,
        @JsonProperty("member_id") String memberId,
        @JsonProperty("type") EntryType type,
        @JsonProperty("points") long points,
        @JsonProperty("lot_id") String lotId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("available_at") Instant availableAt,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("source_event_id") String sourceEventId,
        @JsonProperty("rule_version") String ruleVersion,
        @JsonProperty("campaign_ids") List<String> campaignIds,
        @JsonProperty("note") String note) {

    public LedgerEntry {
        campaignIds = campaignIds == null ? List.of() : List.copyOf(campaignIds);
    }
}
