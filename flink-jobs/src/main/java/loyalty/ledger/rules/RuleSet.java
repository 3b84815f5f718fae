package loyalty.ledger.rules;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import loyalty.nudge.NudgeSettings;

/**
 * A program's loyalty rules (SPEC §9) after validation, with every missing key filled from the default rule set
 * (SPEC §13.18). Read with {@link RuleSets#parse}; never built from unvalidated input.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RuleSet(
        @JsonProperty("program") String program,
        @JsonProperty("version") String version,
        @JsonProperty("effective_from") Instant effectiveFrom,
        @JsonProperty("currency") String currency,
        @JsonProperty("default_region") String defaultRegion,
        @JsonProperty("base_rate") BigDecimal baseRate,
        @JsonProperty("tiers") List<Tier> tiers,
        @JsonProperty("tier_window_days") int tierWindowDays,
        @JsonProperty("pending_days") int pendingDays,
        @JsonProperty("expiry_days") int expiryDays,
        @JsonProperty("caps") Caps caps,
        @JsonProperty("bonuses") Bonuses bonuses,
        @JsonProperty("campaigns") List<Campaign> campaigns,
        @JsonProperty("cost_per_point") BigDecimal costPerPoint,
        @JsonProperty("nudges") NudgeSettings nudges) implements Serializable {

    /** A tier and the qualifying spend that earns it; tiers are listed from the lowest (spend 0) up. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tier(@JsonProperty("name") String name,
                       @JsonProperty("qualifying_spend") BigDecimal qualifyingSpend,
                       @JsonProperty("multiplier") BigDecimal multiplier) implements Serializable {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Caps(@JsonProperty("points_per_order") long pointsPerOrder,
                       @JsonProperty("order_points_per_day") long orderPointsPerDay) implements Serializable {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Bonuses(@JsonProperty("welcome") long welcome,
                          @JsonProperty("birthday") long birthday,
                          @JsonProperty("referral") Referral referral,
                          @JsonProperty("engagement") Map<String, Engagement> engagement) implements Serializable {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Referral(@JsonProperty("points") long points,
                           @JsonProperty("max_per_year") int maxPerYear) implements Serializable {
    }

    /** @param per {@code calendar_month}, {@code day} (UTC calendar day) or {@code 30_days} (rolling) */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Engagement(@JsonProperty("points") long points,
                             @JsonProperty("max") int max,
                             @JsonProperty("per") String per) implements Serializable {
    }

    /**
     * A campaign: a CEL condition over {@code order} and {@code member}, and either a multiplier or a bonus, valid in
     * {@code [valid_from, valid_to)}; either bound may be absent.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Campaign(@JsonProperty("id") String id,
                           @JsonProperty("condition") String condition,
                           @JsonProperty("multiplier") BigDecimal multiplier,
                           @JsonProperty("bonus") Long bonus,
                           @JsonProperty("valid_from") Instant validFrom,
                           @JsonProperty("valid_to") Instant validTo) implements Serializable {

        public boolean activeAt(Instant t) {
            return (validFrom == null || !t.isBefore(validFrom)) && (validTo == null || t.isBefore(validTo));
        }
    }

    /** The lowest tier: every enrolled member holds at least this one. */
    public Tier baseTier() {
        return tiers.get(0);
    }

    public Tier tier(String name) {
        return tiers.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("rule set " + version + " has no tier " + name));
    }

    /** The highest tier whose qualifying spend {@code qs} reaches. */
    public Tier tierFor(BigDecimal qs) {
        Tier best = tiers.get(0);
        for (Tier t : tiers) {
            if (qs.compareTo(t.qualifyingSpend()) >= 0) {
                best = t;
            }
        }
        return best;
    }

    /** 0 for the lowest tier, up from there. */
    public int rank(String tierName) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).name().equals(tierName)) {
                return i;
            }
        }
        return -1;
    }
}
