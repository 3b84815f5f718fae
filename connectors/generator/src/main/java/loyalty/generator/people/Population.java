package loyalty.generator.people;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import loyalty.generator.random.Draw;

/**
 * The true people behind the data, drawn from the seed: each with unique canonical identifiers (so any sharing
 * in the output is planted on purpose and recorded), plus the planted identity-mess cases.
 */
public final class Population {
    /** The retailer's product categories. */
    public static final List<String> CATEGORIES = List.of("apparel", "shoes", "accessories", "beauty", "home", "outdoor",
            "sports", "kids", "electronics", "grocery");
    private static final String[] DOMAINS = {EmailAddress.GMAIL, "example.com", "example.net", "example.org"};

    private final List<Person> people;
    private final List<Household> households;

    private Population(List<Person> people, List<Household> households) {
        this.people = List.copyOf(people);
        this.households = List.copyOf(households);
    }

    public List<Person> people() {
        return people;
    }

    public List<Household> households() {
        return households;
    }

    public static Population draw(long seed, int size, LocalDate periodStart) {
        Identities identities = new Identities();
        List<Draft> drafts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            drafts.add(Draft.draw(i, Draw.of(seed, "person", i), identities, periodStart));
        }
        List<Household> households = plant(drafts, Draw.of(seed, "plants", 0), identities);
        return new Population(drafts.stream().map(Draft::toPerson).toList(), households);
    }

    /** Plants each identity-mess case a number of times that grows with the population (at least once if possible). */
    private static List<Household> plant(List<Draft> drafts, Draw draw, Identities identities) {
        int size = drafts.size();
        List<Draft> order = new ArrayList<>(drafts);
        shuffle(order, draw);
        for (Draft d : take(order, Math.max(1, size / 200), d -> d.plants.isEmpty() && d.segment == Segment.MEMBER
                && d.email != null && d.phone != null)) {
            d.plants.add(Plant.DUPLICATE_ENROLLMENT);
            d.secondEmail = identities.email(d.firstName, d.lastName, "example.org", draw);
        }
        for (Draft d : take(order, Math.max(1, size / 500), d -> d.plants.isEmpty() && d.segment == Segment.MEMBER
                && d.email != null)) {
            d.plants.add(Plant.THREE_ACCOUNT_CHAIN);
            d.secondEmail = identities.email(d.firstName, d.lastName, draw.pick(DOMAINS), draw);
            d.phone = d.phone == null ? identities.phone(d.country, draw) : d.phone;
            d.card = d.card == null ? identities.card(draw) : d.card;
            if (d.devices.isEmpty()) {
                d.devices.add(identities.device(draw));
            }
        }
        for (Draft d : take(order, Math.max(1, size / 250), d -> d.plants.isEmpty() && d.segment.hasCrmAccount()
                && d.email != null)) {
            d.plants.add(Plant.REVIEW_ENTHUSIAST);
        }
        if (size >= 100) {
            for (Draft d : take(order, 1, d -> d.plants.isEmpty() && d.segment == Segment.MEMBER)) {
                d.plants.add(Plant.SUPER_REFERRER);
            }
        }
        // Households pair two account holders of one country; the second takes the first's phone and surname.
        List<Household> households = new ArrayList<>();
        int pairs = Math.max(1, size / 150);
        Map<Country, Draft> waiting = new EnumMap<>(Country.class);
        for (Draft d : order) {
            if (households.size() == pairs) {
                break;
            }
            if (!d.plants.isEmpty() || !d.segment.hasCrmAccount()) {
                continue;
            }
            Draft first = waiting.remove(d.country);
            if (first == null) {
                if (d.phone != null) {
                    waiting.put(d.country, d);
                }
                continue;
            }
            first.plants.add(Plant.SHARED_PHONE);
            d.plants.add(Plant.SHARED_PHONE);
            d.phone = first.phone;
            d.lastName = first.lastName;
            households.add(new Household(first.id(), d.id(), first.phone.e164()));
        }
        // A leap-day birthday exercises SPEC §4's 29 Feb rule in every data set of some size.
        if (size >= 50) {
            Draft leap = order.get(draw.between(0, size - 1));
            int year = leap.birthDate.getYear() - leap.birthDate.getYear() % 4;
            leap.birthDate = LocalDate.of(year == 1900 ? 1904 : year, 2, 29);
        }
        return households;
    }

    private static List<Draft> take(List<Draft> order, int count, Predicate<Draft> fits) {
        List<Draft> chosen = new ArrayList<>();
        for (Draft d : order) {
            if (chosen.size() == count) {
                break;
            }
            if (fits.test(d)) {
                chosen.add(d);
            }
        }
        return chosen;
    }

    private static void shuffle(List<Draft> list, Draw draw) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, draw.between(0, i));
        }
    }

    /** The identifiers already given out, so that no two people share one unless planted. */
    static final class Identities {
        private final Set<String> emails = new HashSet<>();
        private final Set<String> phones = new HashSet<>();
        private final Set<String> cards = new HashSet<>();
        private final Set<String> devices = new HashSet<>();

        EmailAddress email(String first, String last, String domain, Draw draw) {
            String f = ascii(first);
            String l = ascii(last);
            String local = switch (draw.weighted(40, 20, 15, 10, 15)) {
                case 0 -> f + "." + l;
                case 1 -> f + l;
                case 2 -> f.charAt(0) + "." + l;
                case 3 -> f + "_" + l;
                default -> f + "." + l + draw.between(1, 99);
            };
            EmailAddress candidate = new EmailAddress(local, domain);
            for (int n = 2; !emails.add(candidate.normalised()); n++) {
                candidate = new EmailAddress(local + n, domain);
            }
            return candidate;
        }

        PhoneNumber phone(Country country, Draw draw) {
            while (true) {
                PhoneNumber candidate = PhoneNumber.draw(country, draw);
                if (phones.add(candidate.e164())) {
                    return candidate;
                }
            }
        }

        LoyaltyCard card(Draw draw) {
            while (true) {
                LoyaltyCard candidate = LoyaltyCard.draw(draw);
                if (cards.add(candidate.digits())) {
                    return candidate;
                }
            }
        }

        String device(Draw draw) {
            while (true) {
                String candidate = String.format("d-%016x", draw.below(Long.MAX_VALUE));
                if (devices.add(candidate)) {
                    return candidate;
                }
            }
        }

        /** "Jörg O'Brien" → "joerg", "obrien": email locals are plain ASCII. */
        static String ascii(String name) {
            String s = name.toLowerCase(Locale.ROOT).replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
                    .replace("ß", "ss");
            s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            return s.replaceAll("[^a-z0-9]", "");
        }
    }

    /** A person while the population is being drawn and planted. */
    private static final class Draft {
        final int index;
        final Segment segment;
        final Country country;
        final String firstName;
        String lastName;
        LocalDate birthDate;
        EmailAddress email;
        EmailAddress secondEmail;
        EmailAddress laterEmail;
        PhoneNumber phone;
        LoyaltyCard card;
        final List<String> devices = new ArrayList<>();
        ShopperTraits traits;
        final List<Plant> plants = new ArrayList<>();

        private Draft(int index, Segment segment, Country country, String firstName, String lastName) {
            this.index = index;
            this.segment = segment;
            this.country = country;
            this.firstName = firstName;
            this.lastName = lastName;
        }

        String id() {
            return personId(index);
        }

        static Draft draw(int index, Draw draw, Identities identities, LocalDate periodStart) {
            Country country = Country.values()[draw.weighted(shares(Country.values()))];
            Segment segment = Segment.values()[draw.weighted(shares(Segment.values()))];
            Draft d = new Draft(index, segment, country, draw.pick(country.firstNames()),
                    draw.pick(country.lastNames()));
            int birthYear = periodStart.getYear() - draw.between(18, 80);
            d.birthDate = LocalDate.ofYearDay(birthYear, draw.between(1, LocalDate.of(birthYear, 1, 1).lengthOfYear()));
            double emailShare = switch (segment) {
                case MEMBER, LATE_JOINER, CUSTOMER -> 0.95;
                case WEB_GUEST -> 1.0;
                case CARD_SHOPPER -> 0.4;
                case PHONE_SHOPPER -> 0.3;
            };
            double phoneShare = switch (segment) {
                case MEMBER, LATE_JOINER, CUSTOMER -> 0.8;
                case WEB_GUEST -> 0.35;
                case CARD_SHOPPER -> 0.4;
                case PHONE_SHOPPER -> 1.0;
            };
            double cardShare = switch (segment) {
                case MEMBER, LATE_JOINER, CUSTOMER -> 0.55;
                case CARD_SHOPPER -> 1.0;
                case WEB_GUEST, PHONE_SHOPPER -> 0.0;
            };
            if (draw.chance(emailShare)) {
                d.email = identities.email(d.firstName, d.lastName, DOMAINS[draw.weighted(30, 35, 20, 15)], draw);
            }
            if (segment.hasCrmAccount() && d.email != null && draw.chance(0.04)) {
                d.laterEmail = identities.email(d.firstName, d.lastName, DOMAINS[draw.weighted(30, 35, 20, 15)], draw);
            }
            if (draw.chance(phoneShare)) {
                d.phone = identities.phone(country, draw);
            }
            if (draw.chance(cardShare)) {
                d.card = identities.card(draw);
            }
            if (segment.hasCrmAccount() && draw.chance(0.35)) {
                d.devices.add(identities.device(draw));
                if (draw.chance(0.15)) {
                    d.devices.add(identities.device(draw));
                }
            }
            d.traits = traits(segment, d.card != null, !d.devices.isEmpty(), draw);
            return d;
        }

        static ShopperTraits traits(Segment segment, boolean hasCard, boolean hasApp, Draw draw) {
            double rate = draw.logNormal(0.015, 1.0) * (segment.hasCrmAccount() ? 1.0 : 0.6);
            double basket = draw.logNormal(55, 0.45);
            List<String> categories = new ArrayList<>(CATEGORIES);
            for (int i = categories.size() - 1; i > 0; i--) {
                Collections.swap(categories, i, draw.between(0, i));
            }
            List<String> favourites = categories.subList(0, 3);
            return switch (segment) {
                case CARD_SHOPPER, PHONE_SHOPPER -> new ShopperTraits(rate, basket, 1, 0, 0, favourites);
                case WEB_GUEST -> new ShopperTraits(rate, basket, 0, 1, 0, favourites);
                default -> new ShopperTraits(rate, basket,
                        hasCard ? 0.5 + draw.uniform() : 0.6 * draw.uniform(),
                        0.3 + 0.9 * draw.uniform(),
                        hasApp ? 0.5 + 1.5 * draw.uniform() : 0, favourites);
            };
        }

        Person toPerson() {
            if (plants.contains(Plant.THREE_ACCOUNT_CHAIN)) {
                // The chain needs every channel: the till (card), the web shop (guest email) and the app (login).
                traits = new ShopperTraits(Math.max(traits.ordersPerDay(), 0.04), traits.basketMedian(), 1, 1, 1,
                        traits.categories());
            }
            return new Person(id(), index, segment, firstName, lastName, birthDate, country, email, secondEmail,
                    laterEmail, phone, card, devices, traits, plants);
        }

        private static double[] shares(Country[] values) {
            double[] out = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = values[i].share();
            }
            return out;
        }

        private static double[] shares(Segment[] values) {
            double[] out = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = values[i].share();
            }
            return out;
        }
    }

    public static String personId(int index) {
        return String.format("P-%06d", index + 1);
    }
}
