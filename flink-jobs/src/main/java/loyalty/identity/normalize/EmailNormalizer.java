package loyalty.identity.normalize;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SPEC §3 email rule: trim, lower-case, must look like {@code local@domain.tld}; gmail.com and googlemail.com addresses
 * lose the dots and any {@code +tag} of their local part and use gmail.com.
 *
 * <p>"Looks like" is read strictly, because a wrong match merges two people: ASCII only (the check runs before
 * lower-casing, so a Kelvin sign cannot turn into a {@code k}); a dot-atom local part of at most 64 characters with
 * no leading, trailing or doubled dot; a domain of DNS labels whose last label, the TLD, is letters (or punycode
 * {@code xn--}); at most 254 characters in all. Internationalised addresses are rejected rather than guessed at:
 * their lower-casing and Unicode forms are ambiguous, and the event's other identifiers still count.
 */
public final class EmailNormalizer {
    static final int MAX_LENGTH = 254;
    static final int MAX_LOCAL_LENGTH = 64;
    private static final Pattern LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN =
            Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})");
    private static final String GMAIL = "gmail.com";
    private static final String GOOGLEMAIL = "googlemail.com";

    private EmailNormalizer() {
    }

    public static Normalized normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return Normalized.invalid(RejectionReason.MALFORMED_EMAIL, "blank");
        }
        String s = raw.strip();
        if (!s.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Normalized.invalid(RejectionReason.MALFORMED_EMAIL, "not printable ASCII without blanks");
        }
        s = s.toLowerCase(Locale.ROOT);
        if (s.length() > MAX_LENGTH) {
            return Normalized.invalid(RejectionReason.MALFORMED_EMAIL, "longer than " + MAX_LENGTH);
        }
        int at = s.indexOf('@');
        if (at < 0 || at != s.lastIndexOf('@')) {
            return Normalized.invalid(RejectionReason.MALFORMED_EMAIL, at < 0 ? "no @" : "more than one @");
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (local.length() > MAX_LOCAL_LENGTH || !LOCAL.matcher(local).matches()) {
            return Normalized.invalid(RejectionReason.MALFORMED_EMAIL, "bad local part");
        }
        if (!DOMAIN.matcher(domain).matches()) {
            return Normalized.invalid(RejectionReason.MALFORMED_EMAIL, "domain is not domain.tld");
        }
        if (domain.equals(GMAIL) || domain.equals(GOOGLEMAIL)) {
            int plus = local.indexOf('+');
            local = (plus >= 0 ? local.substring(0, plus) : local).replace(".", "");
            if (local.isEmpty()) {
                return Normalized.invalid(RejectionReason.MALFORMED_EMAIL, "gmail address without a mailbox");
            }
            domain = GMAIL;
        }
        return Normalized.valid(local + "@" + domain);
    }
}
