package loyalty.cli.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The ledger part of the demo summary. {@code ledger_matches_balances}: the points of every ledger entry add up to
 * the available and pending points of every balance (SPEC §11, program-wide).
 *
 * @param entriesByType type → [entries, points]
 */
public record LedgerSummary(
        @JsonProperty("entries_by_type") Map<String, List<Long>> entriesByType,
        @JsonProperty("ledger_total") long ledgerTotal,
        @JsonProperty("members") long members,
        @JsonProperty("available") long available,
        @JsonProperty("pending") long pending,
        @JsonProperty("debt") long debt,
        @JsonProperty("tiers") Map<String, Long> tiers,
        @JsonProperty("redemptions") Map<String, Long> redemptions) {

    @JsonProperty("ledger_matches_balances")
    public boolean ledgerMatchesBalances() {
        return ledgerTotal == available + pending;
    }
}
