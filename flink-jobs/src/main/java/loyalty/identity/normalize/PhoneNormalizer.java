package loyalty.identity.normalize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * SPEC §3 phone rule: parsed with libphonenumber to E.164, national formats read in the region {@link RegionChain}
 * picks; a number libphonenumber does not hold for valid (unknown ranges, wrong length) is invalid. An extension is
 * dropped, as E.164 has none. Whether the number is on the blocklist is {@link Blocklist}'s question, not this one.
 */
public final class PhoneNormalizer {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private PhoneNormalizer() {
    }

    public static Normalized normalize(String raw, RegionChain regions) {
        if (raw == null || raw.isBlank()) {
            return Normalized.invalid(RejectionReason.INVALID_PHONE, "blank");
        }
        String region = regions.region();
        PhoneNumber number;
        try {
            number = PHONES.parse(raw.strip(), region);
        } catch (NumberParseException e) {
            return Normalized.invalid(RejectionReason.INVALID_PHONE, "unparseable in " + region + ": " + e.getErrorType());
        }
        if (!PHONES.isValidNumber(number)) {
            return Normalized.invalid(RejectionReason.INVALID_PHONE, "not a valid number (national formats read in " + region + ")");
        }
        return Normalized.valid(PHONES.format(number, PhoneNumberFormat.E164));
    }

    /** The national significant number of an E.164 value this class produced ("+14155550100" → "4155550100"). */
    static String nationalNumber(String e164) {
        try {
            return PHONES.getNationalSignificantNumber(PHONES.parse(e164, "ZZ"));
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("not an E.164 number: " + e164, e);
        }
    }
}
