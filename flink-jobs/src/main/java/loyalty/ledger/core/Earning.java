package loyalty.ledger.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import loyalty.ledger.rules.RuleSet;

/**
 * SPEC §5 points of an order before caps: {@code floor(net × base_rate × tier multiplier × campaign multiplier)}
 * plus the campaign bonuses, the floor applied once to the exact product. The tier is the one held before the
 * order; the campaign multiplier is the largest of the matching campaigns.
 */
final class Earning {
    private Earning() {
    }

    record Points(long total, List<String> campaignIds) {
    }

    static Points points(MemberLedger ledger, OrderRecord order, JsonNode payload, RuleSet rs, LedgerRules rules,
                         Instant t) {
        BigDecimal tierMultiplier = rs.tiers().stream().filter(x -> x.name().equals(ledger.tier)).findFirst()
                .map(RuleSet.Tier::multiplier).orElse(BigDecimal.ONE);
        List<RuleSet.Campaign> matching = rules.campaigns(rs, t, orderFacts(order, payload),
                memberFacts(ledger, t, rs));
        BigDecimal campaignMultiplier = BigDecimal.ONE;
        long bonus = 0;
        List<String> ids = new ArrayList<>();
        for (RuleSet.Campaign c : matching) {
            ids.add(c.id());
            if (c.multiplier() != null && c.multiplier().compareTo(campaignMultiplier) > 0) {
                campaignMultiplier = c.multiplier();
            }
            if (c.bonus() != null) {
                bonus += c.bonus();
            }
        }
        long base = order.netAmount.multiply(rs.baseRate()).multiply(tierMultiplier).multiply(campaignMultiplier)
                .setScale(0, RoundingMode.FLOOR).longValueExact();
        return new Points(base + bonus, ids);
    }

    /** The {@code order} variable of campaign conditions; amounts as double (CEL has no decimal type). */
    static Map<String, Object> orderFacts(OrderRecord order, JsonNode payload) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("order_id", order.orderId);
        facts.put("net_amount", order.netAmount.doubleValue());
        facts.put("currency", payload.path("currency").asText(""));
        facts.put("channel", payload.path("channel").asText(""));
        List<String> categories = new ArrayList<>();
        payload.path("categories").forEach(c -> categories.add(c.asText()));
        facts.put("categories", categories);
        return facts;
    }

    /** The {@code member} variable of campaign conditions, as the member stands before the order. */
    static Map<String, Object> memberFacts(MemberLedger ledger, Instant t, RuleSet rs) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("tier", ledger.tier == null ? "" : ledger.tier);
        facts.put("enrolled_at", ledger.enrolledAt);
        facts.put("country", ledger.country == null ? "" : ledger.country);
        facts.put("lifetime_orders", (long) ledger.orders.size() - 1);
        facts.put("qualifying_spend", ledger.qualifyingSpend(t, rs).doubleValue());
        return facts;
    }
}
