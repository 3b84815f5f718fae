package loyalty.generator.people;

import java.util.Locale;
import loyalty.generator.random.Draw;

/**
 * An email address in its canonical form (lower case, no gmail aliasing). Domains are the reserved
 * {@code example.*} names, except gmail, whose dot and +tag rules (SPEC §3) are part of what the data must exercise.
 */
public record EmailAddress(String local, String domain) {
    public static final String GMAIL = "gmail.com";

    public EmailAddress {
        local = local.toLowerCase(Locale.ROOT);
        domain = domain.toLowerCase(Locale.ROOT);
    }

    public static EmailAddress parse(String address) {
        int at = address.indexOf('@');
        return new EmailAddress(address.substring(0, at), address.substring(at + 1));
    }

    public boolean isGmail() {
        return domain.equals(GMAIL);
    }

    public String canonical() {
        return local + "@" + domain;
    }

    /** What SPEC §3 normalisation makes of every rendering of this address. */
    public String normalised() {
        if (!isGmail()) {
            return canonical();
        }
        return local.replace(".", "") + "@" + GMAIL;
    }

    /**
     * A rendering as typed into a form or a till: usually the canonical form, sometimes capitalised, shouted, padded
     * with blanks, and for gmail with dots moved, a +tag or the googlemail.com domain.
     */
    public String render(Draw draw) {
        int style = draw.weighted(58, 14, 4, 3, 3, isGmail() ? 18 : 0);
        return switch (style) {
            case 0 -> canonical();
            case 1 -> capitalised() + "@" + capitalise(domain);
            case 2 -> canonical().toUpperCase(Locale.ROOT);
            case 3 -> " " + canonical() + " ";
            case 4 -> local + "@" + domain.toUpperCase(Locale.ROOT);
            default -> gmailAlias(draw);
        };
    }

    private String gmailAlias(Draw draw) {
        String bare = local.replace(".", "");
        return switch (draw.between(0, 3)) {
            case 0 -> bare + "@" + GMAIL;
            case 1 -> local + "+" + draw.pick("shop", "deals", "acme", "promo", "news") + "@" + GMAIL;
            case 2 -> local + "@googlemail.com";
            default -> bare.charAt(0) + "." + bare.substring(1) + "@" + GMAIL;
        };
    }

    private String capitalised() {
        StringBuilder out = new StringBuilder(local.length());
        boolean start = true;
        for (char c : local.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == '.' || c == '_';
        }
        return out.toString();
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
