package loyalty.generator;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;

/** SPEC §3 normalisation, written independently of the generator so tests check it rather than repeat it. */
final class Normalised {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private Normalised() {
    }

    static String email(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        int at = s.indexOf('@');
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
            int plus = local.indexOf('+');
            local = (plus >= 0 ? local.substring(0, plus) : local).replace(".", "");
            domain = "gmail.com";
        }
        return local + "@" + domain;
    }

    /** E.164, or null when the number is not valid for the region. */
    static String phone(String raw, String region) {
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(raw, region);
            return PHONES.isValidNumber(number) ? PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    static String card(String raw) {
        return raw.trim().toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "");
    }

    static boolean repeatedDigits(String rawPhone) {
        return rawPhone.replaceAll("\\D", "").chars().distinct().count() == 1;
    }
}
