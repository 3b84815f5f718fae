package loyalty.ledger.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a merged member's ledger hands to the survivor (SPEC §3 merge effects, §13.8, §13.9, §13.19): its
 * lots with their original dates and ids, its debt, counters, tier, and the history later events refer to (orders
 * for returns and qualifying spend, redemptions for cancellations).
 */
public record Transfer(
        @JsonProperty("merge_id") String mergeId,
        @JsonProperty("from_member") String fromMember,
        @JsonProperty("to_member") String toMember,
        @JsonProperty("at") Instant at,
        @JsonProperty("welcome_clawback") boolean welcomeClawback,
        @JsonProperty("welcome_lot_id") String welcomeLotId,
        @JsonProperty("lots") List<Lot> lots,
        @JsonProperty("debt") long debt,
        @JsonProperty("lifetime_earned") long lifetimeEarned,
        @JsonProperty("redeemed") long redeemed,
        @JsonProperty("expired") long expired,
        @JsonProperty("enrolled_at") Instant enrolledAt,
        @JsonProperty("tier") String tier,
        @JsonProperty("tier_achieved_at") Instant tierAchievedAt,
        @JsonProperty("orders") Map<String, OrderRecord> orders,
        @JsonProperty("redemptions") Map<String, RedemptionRecord> redemptions,
        @JsonProperty("return_ids") Set<String> returnIds,
        @JsonProperty("unlinked_refunds") Map<Instant, BigDecimal> unlinkedRefunds) {
}
