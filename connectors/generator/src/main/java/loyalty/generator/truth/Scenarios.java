package loyalty.generator.truth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import loyalty.contract.event.EventJson;
import loyalty.generator.feed.FeedLine;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.operational.CustomerRow;
import loyalty.generator.operational.OperationalChange;
import loyalty.generator.people.Household;
import loyalty.generator.people.Person;
import loyalty.generator.people.Plant;
import loyalty.generator.people.Population;
import loyalty.generator.plan.Account;
import loyalty.generator.plan.Channel;
import loyalty.generator.plan.Engagement;
import loyalty.generator.plan.ProgramPlan;
import loyalty.generator.plan.Purchase;
import loyalty.generator.plan.Redemption;
import loyalty.generator.plan.Refund;
import loyalty.generator.plan.Sighting;
import loyalty.generator.plan.StatusStep;
import loyalty.generator.rules.DefaultRuleSet;

/**
 * The identity-mess cases and other edge cases of a data set, with the people who carry them where that is
 * useful, so tests and benchmarks can look at exactly those. Counts are of sightings (what a channel recorded)
 * and rows.
 */
final class Scenarios {
    /** How many late uploads the manifest names (the count is always complete). */
    static final int LISTED_LATE_UPLOADS = 50;

    private Scenarios() {
    }

    static Map<String, Object> of(Population population, List<ProgramPlan> plans, List<OperationalChange> changes,
                                  Map<FeedSource, List<FeedLine>> feeds) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(Plant.DUPLICATE_ENROLLMENT.code(), duplicates(plans));
        List<Map<String, Object>> households = new ArrayList<>();
        for (Household h : population.households()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("people", List.of(h.firstPersonId(), h.secondPersonId()));
            entry.put("phone", h.phoneE164());
            households.add(entry);
        }
        out.put(Plant.SHARED_PHONE.code(), households);
        out.put(Plant.THREE_ACCOUNT_CHAIN.code(), planted(population, Plant.THREE_ACCOUNT_CHAIN));
        out.put(Plant.REVIEW_ENTHUSIAST.code(), planted(population, Plant.REVIEW_ENTHUSIAST));
        out.put(Plant.SUPER_REFERRER.code(), superReferrers(plans));

        SightingCounts seen = new SightingCounts();
        for (ProgramPlan plan : plans) {
            String storeEmail = DefaultRuleSet.storeEmail(plan.program());
            forEachSighting(plan, (person, s) -> seen.count(person, s, storeEmail));
            for (Account a : plan.accounts()) {
                if (isNoEmail(a.initial().email())) {
                    seen.noEmail++;
                }
            }
        }
        Map<String, Object> storeEmail = new LinkedHashMap<>();
        storeEmail.put("emails", plans.stream().map(p -> DefaultRuleSet.storeEmail(p.program())).toList());
        storeEmail.put("sightings", seen.storeEmail);
        storeEmail.put("people", seen.storeEmailPeople.size());
        out.put("shared_store_email", storeEmail);
        out.put("noemail_sightings_and_rows", seen.noEmail);
        out.put("repeated_digit_phone_sightings", seen.repeatedDigitPhone);
        out.put("gmail_alias_sightings", seen.gmailAlias);
        out.put("people_with_several_phone_formats", several(seen.phoneFormats));
        out.put("people_with_several_email_renderings", several(seen.emailRenderings));
        out.put("people_with_several_card_formats", several(seen.cardFormats));
        out.put("device_only_sightings", seen.deviceOnly);

        long cardOnlySales = 0;
        long guestWebOrders = 0;
        long preSignupSales = 0;
        long cancelled = 0;
        long open = 0;
        long unlinked = 0;
        long overEstimate = 0;
        long retries = 0;
        long cancellations = 0;
        long notEnrolledRequests = 0;
        long referrals = 0;
        long lateEnrollments = 0;
        long testAccountsDeleted = 0;
        for (ProgramPlan plan : plans) {
            Map<Person, Account> firstAccount = new HashMap<>();
            for (Account a : plan.accounts()) {
                if (a.person() != null) {
                    firstAccount.putIfAbsent(a.person(), a);
                }
                referrals += a.referrer() == null ? 0 : 1;
                lateEnrollments += ManifestBuilder.lateEnrollment(a) ? 1 : 0;
                testAccountsDeleted += a.person() == null && a.deletedAt() != null ? 1 : 0;
            }
            for (Purchase p : plan.purchases()) {
                Sighting s = p.sighting();
                if (p.channel() == Channel.STORE && s.card() != null && s.phone() == null && s.email() == null) {
                    cardOnlySales++;
                }
                if (p.channel() == Channel.WEB && s.account() == null && s.email() != null) {
                    guestWebOrders++;
                }
                Account account = firstAccount.get(p.person());
                if (account != null && p.placedAt().isBefore(account.createdAt())) {
                    preSignupSales++;
                }
                if (p.finalStatus().equals(StatusStep.CANCELLED)) {
                    cancelled++;
                } else if (p.channel() == Channel.WEB && !p.completed()) {
                    open++;
                }
            }
            for (Refund r : plan.refunds()) {
                unlinked += r.linked() ? 0 : 1;
            }
            for (Redemption r : plan.redemptions()) {
                overEstimate += r.exceedsEstimate() ? 1 : 0;
                retries += r.retryAt() == null ? 0 : 1;
                cancellations += r.cancelledAt() == null ? 0 : 1;
                Account account = firstAccount.get(r.person());
                notEnrolledRequests += account != null && !account.enrolledBy(r.at()) ? 1 : 0;
            }
        }
        out.put("card_only_store_sales", cardOnlySales);
        out.put("guest_web_orders", guestWebOrders);
        out.put("store_sales_before_sign_up", preSignupSales);
        out.put("cancelled_web_orders", cancelled);
        out.put("open_web_orders_at_end", open);
        out.put("unlinked_returns", unlinked);
        out.put("redemptions_over_estimated_balance", overEstimate);
        out.put("redemption_retries_same_id", retries);
        out.put("redemption_cancellations", cancellations);
        out.put("redemptions_by_non_members", notEnrolledRequests);
        out.put("referrals", referrals);
        out.put("late_enrollments", lateEnrollments);
        out.put("test_accounts_deleted", testAccountsDeleted);
        out.put("crm_updates_without_mapped_change", changes.stream()
                .filter(c -> c.kind() == OperationalChange.Kind.UPDATE && c.row() instanceof CustomerRow
                        && c.expectedEvent().isEmpty())
                .count());
        out.put("till_lines_with_local_offset", feeds.getOrDefault(FeedSource.POS, List.of()).stream()
                .filter(l -> l.kind() == FeedLine.Kind.VALID && !occurredAtText(l).endsWith("Z"))
                .count());
        out.put("late_uploads", lateUploads(feeds.getOrDefault(FeedSource.POS, List.of())));
        out.put("leap_day_birthdays", population.people().stream()
                .filter(p -> p.birthDate().getMonthValue() == 2 && p.birthDate().getDayOfMonth() == 29)
                .map(Person::id).toList());
        return out;
    }

    /**
     * Store sales a till uploaded late (out of order in {@code pos.jsonl}): how many, the range of the delays, and the
     * first {@value #LISTED_LATE_UPLOADS} in file order with their delay.
     */
    private static Map<String, Object> lateUploads(List<FeedLine> pos) {
        List<FeedLine> late = pos.stream().filter(l -> l.kind() == FeedLine.Kind.VALID && l.uploadedLate()).toList();
        Map<String, Long> listed = new LinkedHashMap<>();
        late.stream().limit(LISTED_LATE_UPLOADS).forEach(l -> listed.put(l.eventId(), l.uploadDelay().toMinutes()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", late.size());
        out.put("min_delay_minutes", late.stream().mapToLong(l -> l.uploadDelay().toMinutes()).min().orElse(0));
        out.put("max_delay_minutes", late.stream().mapToLong(l -> l.uploadDelay().toMinutes()).max().orElse(0));
        out.put("event_ids", List.copyOf(listed.keySet()));
        out.put("delay_minutes", listed);
        return out;
    }

    private static List<String> duplicates(List<ProgramPlan> plans) {
        Set<String> out = new TreeSet<>();
        for (ProgramPlan plan : plans) {
            Map<Person, Integer> accounts = new HashMap<>();
            plan.accounts().stream().filter(a -> a.person() != null)
                    .forEach(a -> accounts.merge(a.person(), 1, Integer::sum));
            accounts.forEach((p, n) -> {
                if (n > 1) {
                    out.add(p.id());
                }
            });
        }
        return List.copyOf(out);
    }

    private static List<String> planted(Population population, Plant plant) {
        return population.people().stream().filter(p -> p.has(plant)).map(Person::id).toList();
    }

    private static List<Map<String, Object>> superReferrers(List<ProgramPlan> plans) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ProgramPlan plan : plans) {
            Map<Account, Integer> referred = new HashMap<>();
            plan.accounts().stream().filter(a -> a.referrer() != null)
                    .forEach(a -> referred.merge(a.referrer(), 1, Integer::sum));
            plan.accounts().stream()
                    .filter(a -> a.person() != null && a.person().has(Plant.SUPER_REFERRER) && referred.containsKey(a))
                    .forEach(a -> {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("program", plan.program());
                        entry.put("person", a.person().id());
                        entry.put("crm_id", a.crmId());
                        entry.put("referrals", referred.get(a));
                        out.add(entry);
                    });
        }
        return out;
    }

    private static void forEachSighting(ProgramPlan plan, BiConsumer<Person, Sighting> visit) {
        plan.purchases().forEach(p -> visit.accept(p.person(), p.sighting()));
        plan.refunds().forEach(r -> visit.accept(r.purchase().person(), r.sighting()));
        for (Engagement e : plan.engagements()) {
            visit.accept(e.person(), e.sighting());
        }
        plan.redemptions().forEach(r -> visit.accept(r.person(), r.sighting()));
    }

    private static long several(Map<String, Set<String>> renderings) {
        return renderings.values().stream().filter(s -> s.size() > 1).count();
    }

    private static String occurredAtText(FeedLine line) {
        try {
            return EventJson.mapper().readTree(line.bytes()).path("occurred_at").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isNoEmail(String email) {
        return email != null && email.trim().toLowerCase(Locale.ROOT).startsWith("noemail@");
    }

    private static final class SightingCounts {
        long storeEmail;
        final Set<String> storeEmailPeople = new HashSet<>();
        long noEmail;
        long repeatedDigitPhone;
        long gmailAlias;
        long deviceOnly;
        final Map<String, Set<String>> phoneFormats = new HashMap<>();
        final Map<String, Set<String>> emailRenderings = new HashMap<>();
        final Map<String, Set<String>> cardFormats = new HashMap<>();

        void count(Person person, Sighting s, String storeAddress) {
            if (storeAddress.equals(s.email())) {
                storeEmail++;
                storeEmailPeople.add(person.id());
            }
            if (isNoEmail(s.email())) {
                noEmail++;
            }
            if (s.phone() != null && s.phone().replaceAll("\\D", "").chars().distinct().count() == 1) {
                repeatedDigitPhone++;
            }
            if (s.email() != null && person.email() != null && person.email().isGmail()
                    && !s.email().trim().toLowerCase(Locale.ROOT).equals(person.email().canonical())
                    && !s.email().equals(storeAddress) && !isNoEmail(s.email())) {
                gmailAlias++;
            }
            if (s.device() != null && s.account() == null && s.email() == null && s.phone() == null
                    && s.card() == null) {
                deviceOnly++;
            }
            if (s.phone() != null && person.phone() != null && s.phone().replaceAll("\\D", "").chars().distinct()
                    .count() > 1) {
                phoneFormats.computeIfAbsent(person.id(), k -> new HashSet<>()).add(s.phone());
            }
            if (s.email() != null && person.email() != null && !s.email().equals(storeAddress) && !isNoEmail(s.email())) {
                emailRenderings.computeIfAbsent(person.id(), k -> new HashSet<>()).add(s.email());
            }
            if (s.card() != null) {
                cardFormats.computeIfAbsent(person.id(), k -> new HashSet<>()).add(s.card());
            }
        }
    }
}
