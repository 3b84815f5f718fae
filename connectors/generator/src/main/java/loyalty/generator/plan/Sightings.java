package loyalty.generator.plan;

import java.time.Instant;
import java.util.List;
import loyalty.generator.people.Person;
import loyalty.generator.people.Plant;
import loyalty.generator.people.Segment;
import loyalty.generator.random.Draw;
import loyalty.generator.rules.DefaultRuleSet;

/**
 * What each channel records about a person. The till knows a card or a phone (and sometimes an e-receipt email,
 * a filler, or the store's own address); the web shop knows the login or a guest email; the app knows its
 * device and the login. Each value is rendered as that channel would write it.
 */
final class Sightings {
    private final String program;
    private final Seasonality season;

    Sightings(String program, Seasonality season) {
        this.program = program;
        this.season = season;
    }

    /** At the till, or null when the person gives nothing the till can record (an anonymous sale). */
    Sighting store(Person p, boolean beforeSignup, Draw d) {
        String card = p.card() == null ? null : p.card().render(d);
        String phone = p.phone() == null ? null : p.phone().render(d, false);
        String email = p.email() == null ? null : p.email().render(d);
        if (p.has(Plant.THREE_ACCOUNT_CHAIN) || beforeSignup) {
            return card == null ? null : Sighting.of(null, null, null, card, null);
        }
        if (p.segment() == Segment.PHONE_SHOPPER) {
            return switch (d.weighted(80, 12, 5, 3)) {
                case 0 -> Sighting.of(null, null, phone, null, null);
                case 1 -> Sighting.of(null, email, phone, null, null);
                case 2 -> Sighting.of(null, DefaultRuleSet.storeEmail(program), phone, null, null);
                default -> Sighting.of(null, Junk.noEmail(d, program), phone, null, null);
            };
        }
        if (card != null) {
            return switch (d.weighted(55, phone == null ? 0 : 12, phone == null ? 0 : 13, email == null ? 0 : 8, 5, 4,
                    3)) {
                case 0 -> Sighting.of(null, null, null, card, null);
                case 1 -> Sighting.of(null, null, phone, card, null);
                case 2 -> Sighting.of(null, null, phone, null, null);
                case 3 -> Sighting.of(null, email, null, card, null);
                case 4 -> Sighting.of(null, DefaultRuleSet.storeEmail(program), null, card, null);
                case 5 -> Sighting.of(null, Junk.noEmail(d, program), null, card, null);
                default -> Sighting.of(null, null, Junk.repeatedDigitPhone(d), card, null);
            };
        }
        if (phone != null) {
            return switch (d.weighted(60, email == null ? 0 : 25, 8, email == null ? 0 : 7)) {
                case 0 -> Sighting.of(null, null, phone, null, null);
                case 1 -> Sighting.of(null, email, phone, null, null);
                case 2 -> Sighting.of(null, DefaultRuleSet.storeEmail(program), phone, null, null);
                default -> Sighting.of(null, email, null, null, null);
            };
        }
        return email == null ? null : Sighting.of(null, email, null, null, null);
    }

    /** A web-shop order: the login with the account's email as the CRM holds it, or a guest checkout. */
    Sighting webOrder(Person p, Account account, Instant at, Draw d) {
        if (account == null) {
            if (p.email() == null) {
                return null;
            }
            String phone = p.phone() != null && d.chance(0.4) ? p.phone().render(d, false) : null;
            return Sighting.of(null, p.email().render(d), phone, null, null);
        }
        String phone = p.phone() != null && !p.has(Plant.THREE_ACCOUNT_CHAIN) && d.chance(0.3)
                ? p.phone().render(d, false) : null;
        return Sighting.of(account, account.stateAt(at).email(), phone, null, null);
    }

    /** The chain's guest identity: the second email with the phone, never with the login or the card. */
    Sighting chainGuest(Person p, Draw d) {
        return Sighting.of(null, p.secondEmail().render(d), p.phone().render(d, false), null, null);
    }

    /** An app order: the device with the login, or the device with the email typed at checkout. */
    Sighting appOrder(Person p, Account account, Instant at, Draw d) {
        String device = device(p, at);
        if (p.email() != null && !p.has(Plant.THREE_ACCOUNT_CHAIN) && d.chance(0.3)) {
            return Sighting.of(null, p.email().render(d), null, null, device);
        }
        return Sighting.of(account, null, null, null, device);
    }

    /** Reviews and shares on the website: logged in, or a guest who leaves an email. */
    Sighting webEngagement(Person p, Account account, Draw d) {
        boolean chain = p.has(Plant.THREE_ACCOUNT_CHAIN);
        if (chain && d.chance(0.5)) {
            return Sighting.of(null, p.secondEmail().render(d), null, null, null);
        }
        if (account != null) {
            return d.chance(0.6) || p.email() == null
                    ? Sighting.of(account, p.email() == null ? null : p.email().render(d), null, null, null)
                    : Sighting.of(null, p.email().render(d), null, null, null);
        }
        return p.email() == null ? null : Sighting.of(null, p.email().render(d), null, null, null);
    }

    /** In the app: the device with the login; sometimes (before login) the device alone. */
    Sighting appEngagement(Person p, Account account, Instant at, Draw d) {
        String device = device(p, at);
        return d.chance(0.85) ? Sighting.of(account, null, null, null, device)
                : Sighting.of(null, null, null, null, device);
    }

    /** A survey answered through the link of a marketing email: the email alone. */
    Sighting survey(Person p, Draw d) {
        if (p.has(Plant.THREE_ACCOUNT_CHAIN) && d.chance(0.5)) {
            return Sighting.of(null, p.secondEmail().render(d), null, null, null);
        }
        return p.email() == null ? null : Sighting.of(null, p.email().render(d), null, null, null);
    }

    /** The device in use at {@code at}: people with two devices switch phones once, in the middle of the period. */
    String device(Person p, Instant at) {
        List<String> devices = p.devices();
        if (devices.size() == 1) {
            return devices.get(0);
        }
        double share = 0.3 + 0.4 * ((Draw.mix(p.index() + 0x5EEDL) >>> 11) * 0x1.0p-53);
        Instant switchAt = season.periodStart().plusSeconds((long) (share * season.days() * 86_400L));
        return at.isBefore(switchAt) ? devices.get(0) : devices.get(devices.size() - 1);
    }
}
