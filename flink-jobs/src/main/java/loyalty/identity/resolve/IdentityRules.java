package loyalty.identity.resolve;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import loyalty.contract.event.EventJson;
import loyalty.identity.normalize.Blocklist;
import loyalty.identity.normalize.BlocklistConfig;
import loyalty.identity.normalize.IdentifierType;

/**
 * The identity settings of one rule set (SPEC §3, §9): the blocklist, the per-type identifier limits and the
 * default phone region. Missing keys take the defaults (SPEC §13.18).
 */
public record IdentityRules(
        @JsonProperty("version") String version,
        @JsonProperty("effective_from") Instant effectiveFrom,
        @JsonProperty("blocklist") BlocklistConfig blocklist,
        @JsonProperty("max_emails") int maxEmails,
        @JsonProperty("max_phones") int maxPhones,
        @JsonProperty("max_cards") int maxCards,
        @JsonProperty("default_region") String defaultRegion) {

    /** The default rule set's values, for a program that has published none. */
    public static final IdentityRules DEFAULT =
            new IdentityRules("default", Instant.EPOCH, BlocklistConfig.DEFAULT, 3, 3, 5, "US");

    /** Reads the identity part of a rule set as published ({@code rules.published} payload {@code rule_set}). */
    public static IdentityRules fromRuleSet(JsonNode ruleSet, Instant effectiveFrom) {
        JsonNode identity = ruleSet.path("identity");
        BlocklistConfig blocklist = DEFAULT.blocklist;
        if (ruleSet.hasNonNull("blocklist")) {
            try {
                blocklist = EventJson.mapper().treeToValue(ruleSet.get("blocklist"), BlocklistConfig.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new IllegalArgumentException("blocklist: " + e.getMessage(), e);
            }
        }
        return new IdentityRules(ruleSet.path("version").asText("unversioned"), effectiveFrom, blocklist,
                limit(identity, "max_emails", DEFAULT.maxEmails), limit(identity, "max_phones", DEFAULT.maxPhones),
                limit(identity, "max_cards", DEFAULT.maxCards),
                ruleSet.path("default_region").asText(DEFAULT.defaultRegion));
    }

    private static int limit(JsonNode identity, String key, int fallback) {
        JsonNode v = identity.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || v.asInt() < 1) {
            throw new IllegalArgumentException("identity." + key + " must be a positive integer, was " + v);
        }
        return v.asInt();
    }

    /** How many identifiers of a type one member may hold; one crm_id, devices unlimited. */
    public int limit(IdentifierType type) {
        return switch (type) {
            case EMAIL -> maxEmails;
            case PHONE -> maxPhones;
            case CARD -> maxCards;
            case CRM_ID -> 1;
            case DEVICE_ID -> Integer.MAX_VALUE;
        };
    }

    @JsonIgnore
    public Blocklist compiledBlocklist() {
        return Blocklist.of(blocklist);
    }
}
