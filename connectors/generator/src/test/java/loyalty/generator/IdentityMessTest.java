package loyalty.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import loyalty.generator.operational.CustomerRow;
import loyalty.generator.operational.OperationalChange;
import loyalty.generator.operational.OrderRow;
import loyalty.generator.people.Person;
import loyalty.generator.people.PhoneNumber;
import loyalty.generator.plan.Account;
import loyalty.generator.rules.DefaultRuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The identity mess of real retail is in the data, and the ground truth explains every identifier: after SPEC §3
 * normalisation each one is the true person's own, or a known filler that everyone shares.
 */
class IdentityMessTest {
    private static GeneratedProgram program;
    private static List<Sightings.Seen> seen;
    private static Map<String, Person> people;
    private static Map<String, Set<String>> crmIds;

    @BeforeAll
    static void read() {
        program = Generated.standard();
        seen = Sightings.of(program);
        people = program.population().people().stream().collect(Collectors.toMap(Person::id, p -> p));
        crmIds = new HashMap<>();
        for (Account a : program.plans().get(0).accounts()) {
            if (a.person() != null) {
                crmIds.computeIfAbsent(a.person().id(), k -> new HashSet<>()).add(a.crmId());
            }
        }
    }

    @Test
    void everyIdentifierNormalisesToOneOfTheTruePersonsOwnOrToAKnownFiller() {
        Set<String> fillers = Set.of("test@test.com", DefaultRuleSet.storeEmail(program.config().program()));
        for (Sightings.Seen s : seen) {
            if (s.person() == null) {
                assertThat(s.get("email")).as(s.where()).isEqualTo("test@test.com");
                continue;
            }
            Person p = people.get(s.person());
            if (s.get("email") != null) {
                String email = Normalised.email(s.get("email"));
                Set<String> own = new HashSet<>();
                for (var address : new loyalty.generator.people.EmailAddress[] {p.email(), p.secondEmail(),
                        p.laterEmail()}) {
                    if (address != null) {
                        own.add(address.normalised());
                    }
                }
                assertThat(own.contains(email) || fillers.contains(email) || email.startsWith("noemail@"))
                        .as("%s: %s is not %s's (%s)", s.where(), s.get("email"), p.id(), own).isTrue();
            }
            if (s.get("phone") != null && !Normalised.repeatedDigits(s.get("phone"))) {
                assertThat(Normalised.phone(s.get("phone"), p.country().code())).as(s.where())
                        .isEqualTo(p.phone().e164());
            }
            if (s.get("card") != null) {
                assertThat(Normalised.card(s.get("card"))).as(s.where()).isEqualTo(p.card().digits());
            }
            if (s.get("crm_id") != null) {
                assertThat(crmIds.get(p.id())).as(s.where()).contains(s.get("crm_id"));
            }
            if (s.get("device_id") != null) {
                assertThat(p.devices()).as(s.where()).contains(s.get("device_id"));
            }
        }
    }

    @Test
    void everyPhoneFormatIsAValidNumberOfTheRightCountryAndTheInternationalOnesParseAnywhere() {
        for (Person p : program.population().people()) {
            PhoneNumber phone = p.phone();
            if (phone == null) {
                continue;
            }
            for (String format : phone.formats()) {
                assertThat(Normalised.phone(format, p.country().code())).as(format).isEqualTo(phone.e164());
            }
            assertThat(Normalised.phone(phone.international(), "US")).isEqualTo(phone.e164());
        }
    }

    @Test
    void emailsVaryInCaseAndGmailAliasesAndNormaliseToOneAddress() {
        Map<String, Set<String>> rawByNormalised = new HashMap<>();
        for (Sightings.Seen s : seen) {
            if (s.get("email") != null) {
                rawByNormalised.computeIfAbsent(Normalised.email(s.get("email")), k -> new HashSet<>()).add(s.get("email"));
            }
        }
        assertThat(rawByNormalised.values()).anySatisfy(raw -> {
            assertThat(raw.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).distinct().count()).isEqualTo(1);
            assertThat(raw).hasSizeGreaterThan(1);
        });
        List<String> all = rawByNormalised.values().stream().flatMap(Set::stream).toList();
        assertThat(all).anyMatch(e -> e.contains("+") && e.toLowerCase(Locale.ROOT).endsWith("@gmail.com"));
        assertThat(all).anyMatch(e -> e.toLowerCase(Locale.ROOT).endsWith("@googlemail.com"));
        assertThat(all).anyMatch(e -> !e.equals(e.trim()));
    }

    @Test
    void phonesAndCardsComeInManyFormatsIncludingLocalFormatsAbroad() {
        Map<String, Set<String>> phoneFormats = new HashMap<>();
        List<String> cards = new ArrayList<>();
        for (Sightings.Seen s : seen) {
            if (s.person() != null && s.get("phone") != null && !Normalised.repeatedDigits(s.get("phone"))) {
                phoneFormats.computeIfAbsent(s.person(), k -> new HashSet<>()).add(s.get("phone"));
            }
            if (s.get("card") != null) {
                cards.add(s.get("card"));
            }
        }
        assertThat(phoneFormats.values()).anyMatch(f -> f.size() >= 3);
        List<String> phones = phoneFormats.values().stream().flatMap(Set::stream).toList();
        assertThat(phones).anyMatch(f -> f.startsWith("("))
                .anyMatch(f -> f.startsWith("+1 "))
                .anyMatch(f -> f.matches("\\d{10}"))
                .anyMatch(f -> f.startsWith("+44") || f.startsWith("+49") || f.startsWith("+33"));
        assertThat(seen).anyMatch(s -> s.where().startsWith("cdc:customers") && s.person() != null
                && !people.get(s.person()).country().code().equals("US") && s.get("phone") != null
                && s.get("phone").startsWith("0"));
        assertThat(cards).anyMatch(c -> c.contains(" ")).anyMatch(c -> c.contains("-")).anyMatch(c -> c.matches("\\d{16}"));
    }

    @Test
    void storeSalesWithOnlyACardGuestWebOrdersAndAppDevicesArePresent() {
        assertThat(seen).anyMatch(s -> s.where().startsWith("pos:") && s.where().endsWith("order.completed")
                && s.ids().keySet().equals(Set.of("card")));
        assertThat(program.operationalChanges()).anyMatch(c -> c.kind() == OperationalChange.Kind.INSERT
                && c.after() instanceof OrderRow o && o.customerCrmId() == null && o.customerEmail() != null);
        assertThat(seen).anyMatch(s -> s.where().startsWith("app:") && s.ids().containsKey("device_id")
                && s.ids().containsKey("crm_id"));
        assertThat(seen).anyMatch(s -> s.where().startsWith("app:") && s.ids().keySet().equals(Set.of("device_id")));
        assertThat(seen).anyMatch(s -> s.where().startsWith("web:") && s.ids().keySet().equals(Set.of("email")));
    }

    @Test
    void duplicateEnrollmentsAreTwoEnrolledCrmRowsWithDifferentEmailsAndOnePhone() {
        @SuppressWarnings("unchecked")
        List<String> duplicates = (List<String>) program.manifest().scenarios().get("duplicate_enrollment");
        assertThat(duplicates).isNotEmpty();
        for (String person : duplicates) {
            List<CustomerRow> rows = program.operationalChanges().stream()
                    .filter(c -> c.kind() == OperationalChange.Kind.INSERT && person.equals(c.personId())
                            && c.after() instanceof CustomerRow)
                    .map(c -> (CustomerRow) c.after()).toList();
            assertThat(rows).hasSize(2);
            assertThat(rows).allMatch(CustomerRow::loyaltyEnrolled);
            assertThat(Normalised.email(rows.get(0).email())).isNotEqualTo(Normalised.email(rows.get(1).email()));
            String country = rows.get(0).country();
            assertThat(Normalised.phone(rows.get(1).phone(), country)).isEqualTo(Normalised.phone(rows.get(0).phone(), country));
        }
    }

    @Test
    void fillerEmailsAreSharedByManyPeopleAndHouseholdsShareAPhone() {
        String store = DefaultRuleSet.storeEmail(program.config().program());
        assertThat(peopleWith(s -> store.equals(s.get("email")))).hasSizeGreaterThan(5);
        assertThat(peopleWith(s -> s.get("email") != null && Normalised.email(s.get("email")).startsWith("noemail@")))
                .hasSizeGreaterThan(2);
        assertThat(peopleWith(s -> s.get("phone") != null && Normalised.repeatedDigits(s.get("phone"))))
                .hasSizeGreaterThan(2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> households = (List<Map<String, Object>>) program.manifest().scenarios()
                .get("shared_phone");
        assertThat(households).isNotEmpty();
        boolean someHouseholdSeenTogether = false;
        for (Map<String, Object> household : households) {
            String phone = (String) household.get("phone");
            Set<String> users = peopleWith(s -> s.get("phone") != null && s.person() != null
                    && phone.equals(Normalised.phone(s.get("phone"), people.get(s.person()).country().code())));
            assertThat(household.get("people")).asList().containsAll(users);
            someHouseholdSeenTogether |= users.size() == 2;
        }
        assertThat(someHouseholdSeenTogether).isTrue();
    }

    @Test
    void threeAccountsOfOnePersonConnectOnlyThroughAChainOfEvents() {
        @SuppressWarnings("unchecked")
        List<String> chains = (List<String>) program.manifest().scenarios().get("three_account_chain");
        assertThat(chains).isNotEmpty();
        for (String person : chains) {
            Person p = people.get(person);
            String login = "crm:" + crmIds.get(person).iterator().next();
            String card = "card:" + p.card().digits();
            String guest = "email:" + p.secondEmail().normalised();
            Map<String, Set<String>> graph = new HashMap<>();
            for (Sightings.Seen s : seen) {
                if (!person.equals(s.person())) {
                    continue;
                }
                Set<String> nodes = nodes(s, p);
                assertThat(nodes.contains(login) && nodes.contains(card)).as(s.where()).isFalse();
                assertThat(nodes.contains(card) && nodes.contains(guest)).as(s.where()).isFalse();
                for (String a : nodes) {
                    graph.computeIfAbsent(a, k -> new HashSet<>()).addAll(nodes);
                }
            }
            assertThat(reachable(graph, login)).as(person).contains(card, guest);
        }
    }

    private static Set<String> nodes(Sightings.Seen s, Person p) {
        Set<String> nodes = new HashSet<>();
        if (s.get("crm_id") != null) {
            nodes.add("crm:" + s.get("crm_id"));
        }
        if (s.get("email") != null) {
            nodes.add("email:" + Normalised.email(s.get("email")));
        }
        if (s.get("phone") != null) {
            nodes.add("phone:" + Normalised.phone(s.get("phone"), p.country().code()));
        }
        if (s.get("card") != null) {
            nodes.add("card:" + Normalised.card(s.get("card")));
        }
        return nodes;
    }

    private static Set<String> reachable(Map<String, Set<String>> graph, String from) {
        Set<String> seenNodes = new HashSet<>(Set.of(from));
        List<String> queue = new ArrayList<>(List.of(from));
        while (!queue.isEmpty()) {
            for (String next : graph.getOrDefault(queue.remove(0), Set.of())) {
                if (seenNodes.add(next)) {
                    queue.add(next);
                }
            }
        }
        return seenNodes;
    }

    private static Set<String> peopleWith(java.util.function.Predicate<Sightings.Seen> test) {
        return seen.stream().filter(s -> s.person() != null && test.test(s)).map(Sightings.Seen::person)
                .collect(Collectors.toSet());
    }
}
