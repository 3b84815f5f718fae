package loyalty.identity.normalize;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.io.Serializable;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The region a phone number without a country prefix is read in (SPEC §13.4): the event payload's country, else the
 * country of the member the event's other identifiers resolve to, else the rule set's {@code default_region}, else
 * {@code US}. Any of the three may be null.
 *
 * <p>The chain <em>picks</em> one region, the first candidate libphonenumber knows (blank, unknown and non-ISO codes
 * such as {@code UK} are skipped, in any case); it does not try each in turn. Trying on would read a number that is
 * invalid in the customer's own country as some other country's number, which is a different subscriber.
 */
public record RegionChain(String payloadCountry, String memberCountry, String defaultRegion) implements Serializable {
    public static final String LAST_RESORT = "US";
    /** No hint at all: national numbers are read as US numbers. */
    public static final RegionChain NONE = new RegionChain(null, null, null);

    public static RegionChain of(String payloadCountry, String memberCountry, String defaultRegion) {
        return new RegionChain(payloadCountry, memberCountry, defaultRegion);
    }

    /** The member's country is known only once the event's other identifiers are resolved, hence this step. */
    public RegionChain withMemberCountry(String country) {
        return new RegionChain(payloadCountry, country, defaultRegion);
    }

    /** The region to parse national numbers in: an upper-case ISO 3166 alpha-2 code libphonenumber supports. */
    public String region() {
        return Stream.of(payloadCountry, memberCountry, defaultRegion)
                .filter(c -> c != null)
                .map(c -> c.strip().toUpperCase(Locale.ROOT))
                .filter(PhoneNumberUtil.getInstance().getSupportedRegions()::contains)
                .findFirst()
                .orElse(LAST_RESORT);
    }
}
