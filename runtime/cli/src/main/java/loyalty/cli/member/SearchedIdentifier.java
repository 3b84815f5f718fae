package loyalty.cli.member;

import java.util.Locale;
import loyalty.identity.normalize.CardNormalizer;
import loyalty.identity.normalize.CrmIdNormalizer;
import loyalty.identity.normalize.EmailNormalizer;
import loyalty.identity.normalize.IdentifierType;
import loyalty.identity.normalize.Normalized;
import loyalty.identity.normalize.PhoneNormalizer;
import loyalty.identity.normalize.RegionChain;

/**
 * An identifier as the user typed it and as the pipeline stores it: normalised by the pipeline's own rules (SPEC §3),
 * so {@code Bob@X.com}, {@code (415) 555-0100} or {@code c-1 2} find what the identity job linked.
 *
 * @param value the normalised value, as in {@code identity_links.identifier_value}
 */
public record SearchedIdentifier(IdentifierType type, String raw, String value) {

    /**
     * @param country the region national phone numbers are read in; null reads them as the default rule set does
     *                ({@code default_region} {@code US}). Rule sets of a program may name another default region.
     * @throws InvalidIdentifier when the rule rejects the value, or the country is not one libphonenumber knows
     */
    public static SearchedIdentifier normalise(IdentifierType type, String raw, String country) {
        if (country != null && type != IdentifierType.PHONE) {
            throw new InvalidIdentifier("--country only applies to --phone");
        }
        String value = switch (type) {
            case EMAIL -> valid(EmailNormalizer.normalize(raw), type, raw);
            case PHONE -> valid(PhoneNormalizer.normalize(raw, region(country)), type, raw);
            case CARD -> valid(CardNormalizer.normalize(raw), type, raw);
            case CRM_ID -> CrmIdNormalizer.normalize(raw);
            // The pipeline only trims device ids (weak identifiers have no format to check).
            case DEVICE_ID -> raw == null ? "" : raw.strip();
        };
        if (value.isEmpty()) {
            throw new InvalidIdentifier(type + " is blank");
        }
        return new SearchedIdentifier(type, raw, value);
    }

    private static RegionChain region(String country) {
        RegionChain chain = RegionChain.of(country, null, RegionChain.LAST_RESORT);
        // RegionChain passes over codes libphonenumber does not know; a user who named one should hear about it.
        if (country != null && !chain.region().equals(country.strip().toUpperCase(Locale.ROOT))) {
            throw new InvalidIdentifier("--country " + country + " is not an ISO 3166 alpha-2 code of a region with"
                    + " phone numbers (e.g. US, GB, DE)");
        }
        return chain;
    }

    private static String valid(Normalized result, IdentifierType type, String raw) {
        return result.value().orElseThrow(() -> new InvalidIdentifier(
                type + " '" + raw + "' is not valid (" + result.reason() + ": " + result.detail()
                        + "), so the pipeline never links it"));
    }

    /** Describes the search for messages: {@code email bob@x.com}, plus the input when normalising changed it. */
    public String describe() {
        return type + " " + value + (value.equals(raw) ? "" : " (from '" + raw + "')");
    }

    /** A value the pipeline would ignore, so no member can be found by it; the message says why. */
    public static final class InvalidIdentifier extends RuntimeException {
        public InvalidIdentifier(String message) {
            super(message);
        }
    }
}
