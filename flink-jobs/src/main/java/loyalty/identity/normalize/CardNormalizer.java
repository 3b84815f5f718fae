package loyalty.identity.normalize;

import java.util.Locale;

/**
 * SPEC §3 card rule: trim, upper-case, drop spaces and dashes. Any Unicode blank or dash counts (tills and pasted
 * text produce no-break spaces and en dashes); a card that is empty after that, or holds control characters, is
 * invalid.
 */
public final class CardNormalizer {

    private CardNormalizer() {
    }

    public static Normalized normalize(String raw) {
        if (raw == null) {
            return Normalized.invalid(RejectionReason.INVALID_CARD, "blank");
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.DASH_PUNCTUATION) {
                continue;
            }
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                return Normalized.invalid(RejectionReason.INVALID_CARD, "control character");
            }
            out.appendCodePoint(c);
        }
        if (out.length() == 0) {
            return Normalized.invalid(RejectionReason.INVALID_CARD, "nothing left after dropping spaces and dashes");
        }
        return Normalized.valid(out.toString().toUpperCase(Locale.ROOT));
    }
}
