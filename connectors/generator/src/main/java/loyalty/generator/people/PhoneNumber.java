package loyalty.generator.people;

import java.util.List;
import loyalty.generator.random.Draw;

/**
 * A phone number from the ranges set aside for fiction where a country has them (US 555, Ofcom's drama numbers,
 * ARCEP's fiction blocks), so no real subscriber is ever written into test data. Germany has no such block; its
 * numbers are random but valid.
 *
 * @param area       the area code without the trunk prefix ("415", "20", "30", "1")
 * @param subscriber the rest of the national number, digits only
 */
public record PhoneNumber(Country country, String area, String subscriber) {
    static final List<String> US_AREAS = List.of("201", "202", "206", "212", "213", "214", "215", "303", "305",
            "310", "312", "313", "404", "415", "503", "512", "602", "612", "615", "617", "619", "646", "650",
            "702", "713", "718", "720", "773", "786", "801", "808", "813", "818", "858", "904", "907", "916",
            "917", "949", "971");
    /** Ofcom drama ranges: {area, subscriber prefix}, each followed by three free digits. */
    static final List<String[]> GB_RANGES = List.of(new String[] {"20", "79460"}, new String[] {"113", "4960"},
            new String[] {"114", "4960"}, new String[] {"117", "4960"}, new String[] {"118", "4960"},
            new String[] {"121", "4960"}, new String[] {"131", "4960"}, new String[] {"141", "4960"},
            new String[] {"151", "4960"}, new String[] {"161", "4960"}, new String[] {"191", "4980"},
            new String[] {"28", "96496"}, new String[] {"29", "20180"});
    /** ARCEP fiction blocks: {area digit, subscriber prefix}, each followed by four free digits. */
    static final List<String[]> FR_RANGES = List.of(new String[] {"1", "9900"}, new String[] {"2", "6191"},
            new String[] {"3", "5301"}, new String[] {"4", "6571"}, new String[] {"5", "3649"});
    static final List<String> DE_AREAS = List.of("30", "40", "89", "221", "69");

    static PhoneNumber draw(Country country, Draw draw) {
        return switch (country) {
            case US -> new PhoneNumber(country, draw.pick(US_AREAS), "555" + digits(draw, 4));
            case GB -> {
                String[] range = draw.pick(GB_RANGES);
                yield new PhoneNumber(country, range[0], range[1] + digits(draw, 3));
            }
            case FR -> {
                String[] range = draw.pick(FR_RANGES);
                yield new PhoneNumber(country, range[0], range[1] + digits(draw, 4));
            }
            case DE -> {
                String area = draw.pick(DE_AREAS);
                yield new PhoneNumber(country, area, draw.between(2, 9) + digits(draw, area.length() == 2 ? 7 : 6));
            }
        };
    }

    public String countryCallingCode() {
        return switch (country) {
            case US -> "1";
            case GB -> "44";
            case DE -> "49";
            case FR -> "33";
        };
    }

    public String e164() {
        return "+" + countryCallingCode() + area + subscriber;
    }

    /** As people type it in their own country: "(415) 555-0100", "020 7946 0123", "030 2312567", "01 99 00 12 34". */
    public String national() {
        return switch (country) {
            case US -> "(" + area + ") " + subscriber.substring(0, 3) + "-" + subscriber.substring(3);
            case GB -> "0" + area + " " + gbGroups();
            case DE -> "0" + area + " " + subscriber;
            case FR -> "0" + area + " " + pairs(subscriber);
        };
    }

    /** "+1 415-555-0100", "+44 20 7946 0123", "+49 30 2312567", "+33 1 99 00 12 34". */
    public String international() {
        return switch (country) {
            case US -> "+1 " + area + "-" + subscriber.substring(0, 3) + "-" + subscriber.substring(3);
            case GB -> "+44 " + area + " " + gbGroups();
            case DE -> "+49 " + area + " " + subscriber;
            case FR -> "+33 " + area + " " + pairs(subscriber);
        };
    }

    /** Every way this number is written in the generated data. */
    public List<String> formats() {
        return switch (country) {
            case US -> List.of(national(), international(), area + subscriber, area + "." + subscriber.substring(0, 3)
                    + "." + subscriber.substring(3), e164(), "1-" + area + "-" + subscriber.substring(0, 3) + "-"
                    + subscriber.substring(3));
            case GB -> List.of(national(), international(), e164(), "0" + area + subscriber);
            case DE -> List.of(national(), international(), e164(), "0" + area + "/" + subscriber);
            case FR -> List.of(national(), international(), e164(), "0" + area + subscriber);
        };
    }

    /**
     * A rendering as a till, a web form or a CRM agent would record it. Abroad, national formats only parse with
     * the right region, so when the event has no country to hint it they are rarer (but not absent: that is
     * part of the mess).
     */
    public String render(Draw draw, boolean regionKnown) {
        if (country == Country.US) {
            return formats().get(draw.weighted(40, 20, 20, 8, 8, 4));
        }
        int style = regionKnown ? draw.weighted(60, 25, 10, 5) : draw.weighted(10, 60, 28, 2);
        return formats().get(style);
    }

    private String gbGroups() {
        // Two-digit areas (London, Belfast, Cardiff) group 4+4, three-digit areas 3+4.
        return subscriber.length() == 8
                ? subscriber.substring(0, 4) + " " + subscriber.substring(4)
                : subscriber.substring(0, 3) + " " + subscriber.substring(3);
    }

    private static String pairs(String digits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 2) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(digits, i, Math.min(i + 2, digits.length()));
        }
        return out.toString();
    }

    private static String digits(Draw draw, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + draw.between(0, 9)));
        }
        return out.toString();
    }
}
