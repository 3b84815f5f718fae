package loyalty.generator.plan;

import loyalty.generator.random.Draw;

/**
 * Filler values that staff type when a customer has none or will not give one. They look like identifiers and
 * are shared by many people, so identity resolution must ignore them (they are on the default blocklist).
 */
public final class Junk {
    private Junk() {
    }

    public static String noEmail(Draw draw, String program) {
        return draw.pick("noemail@noemail.com", "NoEmail@noemail.com", "noemail@" + program + "-shop.example",
                "NOEMAIL@NOEMAIL.COM");
    }

    public static String repeatedDigitPhone(Draw draw) {
        return draw.pick("0000000000", "(555) 555-5555", "1111111111", "999-999-9999");
    }
}
