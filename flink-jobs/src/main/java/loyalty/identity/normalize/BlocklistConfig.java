package loyalty.identity.normalize;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.List;

/**
 * The blocklist setting of a rule set (SPEC §3, §13.6), as plain lists of {@code *}-globs on <em>normalised</em>
 * values per identifier type. The rule-set JSON is not final; this record reads today's shape,
 *
 * <pre>{@code "blocklist": {"emails": ["test@test.com", "noemail@*"], "phones": ["+1555*"], "cards": [],
 *               "crm_ids": [], "repeated_digit_phones": true}}</pre>
 *
 * with {@code EventJson.mapper().treeToValue(ruleSet.get("blocklist"), BlocklistConfig.class)}: a missing list is
 * empty, a missing {@code repeated_digit_phones} is true (the SPEC names the rule as a default), unknown keys are
 * ignored. Globs are written as the normalised value looks (E.164 for phones); email globs are lower-cased and card
 * globs go through the card rule, as their values are, so {@code NoEmail@*} and {@code 6047 0000-*} still match.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BlocklistConfig(
        @JsonProperty("emails") List<String> emails,
        @JsonProperty("phones") List<String> phones,
        @JsonProperty("cards") List<String> cards,
        @JsonProperty("crm_ids") List<String> crmIds,
        @JsonProperty("repeated_digit_phones") Boolean repeatedDigitPhones) implements Serializable {

    /** Nothing blocked, not even repeated-digit phones. */
    public static final BlocklistConfig NONE = new BlocklistConfig(List.of(), List.of(), List.of(), List.of(), false);

    /** The SPEC §3 examples: {@code test@test.com}, {@code noemail@*} and phones of one repeated digit. */
    public static final BlocklistConfig DEFAULT =
            new BlocklistConfig(List.of("test@test.com", "noemail@*"), List.of(), List.of(), List.of(), true);

    public BlocklistConfig {
        emails = emails == null ? List.of() : List.copyOf(emails);
        phones = phones == null ? List.of() : List.copyOf(phones);
        cards = cards == null ? List.of() : List.copyOf(cards);
        crmIds = crmIds == null ? List.of() : List.copyOf(crmIds);
        repeatedDigitPhones = repeatedDigitPhones == null || repeatedDigitPhones;
    }

    /** The globs for one type; device ids have none (a weak identifier never merges, so it needs no blocking). */
    public List<String> globs(IdentifierType type) {
        return switch (type) {
            case EMAIL -> emails;
            case PHONE -> phones;
            case CARD -> cards;
            case CRM_ID -> crmIds;
            case DEVICE_ID -> List.of();
        };
    }
}
