package loyalty.generator.people;

import loyalty.generator.random.Draw;

/** A 16-digit loyalty card number; tills and agents write it with spaces, dashes or neither. */
public record LoyaltyCard(String digits) {
    static LoyaltyCard draw(Draw draw) {
        StringBuilder out = new StringBuilder("6047");
        for (int i = 0; i < 12; i++) {
            out.append((char) ('0' + draw.between(0, 9)));
        }
        return new LoyaltyCard(out.toString());
    }

    public String grouped(char separator) {
        return digits.substring(0, 4) + separator + digits.substring(4, 8) + separator + digits.substring(8, 12)
                + separator + digits.substring(12);
    }

    /** SPEC §3 normalisation of any rendering: trimmed, upper case, spaces and dashes dropped. */
    public String normalised() {
        return digits;
    }

    public String render(Draw draw) {
        return switch (draw.weighted(45, 25, 25, 5)) {
            case 0 -> digits;
            case 1 -> grouped(' ');
            case 2 -> grouped('-');
            default -> " " + grouped(' ') + " ";
        };
    }
}
