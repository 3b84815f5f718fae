package loyalty.generator.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import loyalty.generator.people.Person;
import loyalty.generator.people.Plant;
import loyalty.generator.people.Segment;
import loyalty.generator.random.Draw;

/**
 * The CRM's side: who signs up when, what they typed, what they change later, who referred whom, and the staff
 * test accounts that are created and deleted again.
 */
final class AccountPlanner {
    private final PlanContext ctx;

    AccountPlanner(PlanContext ctx) {
        this.ctx = ctx;
    }

    /** The person's accounts, oldest first: none, one, or two for a duplicate enrollment. */
    List<Account> accountsOf(Person p) {
        if (!p.segment().hasCrmAccount()) {
            return List.of();
        }
        Draw d = ctx.draw("account", p);
        Seasonality season = ctx.season;
        // A third of the base signs up in launch week; the rest arrive over the period as the seasons go.
        Instant signup = d.chance(0.35)
                ? season.between(d, season.periodStart(), season.periodStart().plus(Duration.ofDays(3)))
                : season.drawTime(d, season.drawDay(d, 0, Math.max(1, season.days() * 9 / 10)), Channel.WEB,
                        p.country());
        boolean chain = p.has(Plant.THREE_ACCOUNT_CHAIN);
        String email = p.email() != null ? p.email().render(d) : (d.chance(0.5) ? Junk.noEmail(d, ctx.program) : null);
        String phone = chain || p.phone() == null ? null : p.phone().render(d, true);
        boolean cardLater = p.card() != null && !chain && d.chance(0.3);
        String card = p.card() != null && !chain && !cardLater ? p.card().render(d) : null;
        LocalDate birth = d.chance(0.9) ? p.birthDate() : null;
        boolean enrolled = p.segment() == Segment.MEMBER;
        CustomerState initial = new CustomerState(email, phone, card, p.firstName(), p.lastName(), birth,
                p.country().code(), email != null && d.chance(0.6), phone != null && d.chance(0.3),
                p.usesApp() && d.chance(0.5), enrolled, enrolled ? signup : null);
        Account primary = new Account(p, ctx.program, ctx.next(), signup, initial);

        List<Pending> pending = new ArrayList<>();
        if (p.segment() == Segment.LATE_JOINER) {
            Instant at = PlanContext.after(d, signup, Duration.ofDays(3), Duration.ofDays(75));
            boolean optIn = d.chance(0.4);
            pending.add(new Pending(at, s -> {
                CustomerState joined = s.enrolledAt(at);
                return optIn ? joined.withConsents(true, joined.consentSms(), joined.consentPush()) : joined;
            }));
        }
        if (cardLater) {
            String later = p.card().render(d);
            pending.add(new Pending(PlanContext.after(d, signup, Duration.ofDays(1), Duration.ofDays(60)),
                    s -> s.withCard(later)));
        }
        if (p.laterEmail() != null) {
            String later = p.laterEmail().render(d);
            pending.add(new Pending(PlanContext.after(d, signup, Duration.ofDays(7), Duration.ofDays(150)),
                    s -> s.withEmail(later)));
        }
        if (phone != null && d.chance(0.03)) {
            // The agent re-types the same number in another format: a mapped change that changes no identity.
            String retyped = p.phone().international();
            pending.add(new Pending(PlanContext.after(d, signup, Duration.ofDays(1), Duration.ofDays(120)),
                    s -> s.withPhone(retyped)));
        }
        if (d.chance(0.12)) {
            boolean flipEmail = d.chance(0.6);
            pending.add(new Pending(PlanContext.after(d, signup, Duration.ofHours(1), Duration.ofDays(150)),
                    s -> s.withConsents(flipEmail != s.consentEmail(), !flipEmail != s.consentSms(),
                            s.consentPush())));
        }
        if (d.chance(0.005)) {
            String married = d.pick(p.country().lastNames());
            pending.add(new Pending(PlanContext.after(d, signup, Duration.ofDays(10), Duration.ofDays(150)),
                    s -> s.withLastName(married)));
        }
        if (d.chance(0.03)) {
            // A save that changes no mapped column (only updated_at): CDC must emit nothing for it.
            pending.add(new Pending(PlanContext.after(d, signup, Duration.ofMinutes(5), Duration.ofDays(150)),
                    UnaryOperator.identity()));
        }
        applyInOrder(primary, pending);

        List<Account> accounts = new ArrayList<>(List.of(primary));
        if (p.has(Plant.DUPLICATE_ENROLLMENT)) {
            Instant again = PlanContext.after(d, signup, Duration.ofDays(20), Duration.ofDays(100));
            if (season.inPeriod(again)) {
                CustomerState second = new CustomerState(p.secondEmail().render(d), p.phone().render(d, true), null,
                        p.firstName(), p.lastName(), p.birthDate(), p.country().code(), true, false, false, true,
                        again);
                accounts.add(new Account(p, ctx.program, ctx.next(), again, second));
            }
        }
        return accounts;
    }

    /** Staff accounts ("test@test.com") made at a till or in the CRM and deleted shortly after. */
    List<Account> testAccounts() {
        int count = Math.max(1, ctx.config.customers() / 1_000);
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Draw d = ctx.draw("test-account", i);
            Instant created = ctx.season.between(d, ctx.season.periodStart(), ctx.season.periodEnd());
            CustomerState state = new CustomerState("test@test.com", null, null, "Test", "Cashier", null, "US",
                    false, false, false, false, null);
            Account account = new Account(null, ctx.program, ctx.next(), created, state);
            Instant deleted = PlanContext.after(d, created, Duration.ofMinutes(10), Duration.ofDays(2));
            if (ctx.season.inPeriod(deleted)) {
                account.delete(deleted);
            }
            accounts.add(account);
        }
        return accounts;
    }

    /**
     * Who referred whom: some members name an earlier member at sign-up, and a planted super referrer brings in
     * more friends within one calendar year than the referral cap pays for.
     */
    void assignReferrals(List<Account> accounts) {
        List<Account> members = accounts.stream()
                .filter(a -> a.person() != null && a.initial().enrolled())
                .sorted(Comparator.comparing(Account::createdAt).thenComparingLong(Account::seq))
                .toList();
        Draw d = ctx.draw("referrals", 0);
        for (int i = 0; i < members.size(); i++) {
            Account a = members.get(i);
            if (!a.person().has(Plant.SUPER_REFERRER) || a != firstAccountOf(members, a)) {
                continue;
            }
            int year = a.createdAt().atZone(ZoneOffset.UTC).getYear();
            int referred = 0;
            for (int j = i + 1; j < members.size() && referred < 12; j++) {
                Account friend = members.get(j);
                if (friend.person() != a.person() && friend.createdAt().isAfter(a.createdAt())
                        && friend.createdAt().atZone(ZoneOffset.UTC).getYear() == year && friend.referrer() == null) {
                    friend.referredBy(a);
                    referred++;
                }
            }
        }
        for (int i = 1; i < members.size(); i++) {
            Account a = members.get(i);
            if (a.referrer() != null || !d.chance(0.08)) {
                continue;
            }
            for (int attempt = 0; attempt < 4; attempt++) {
                Account referrer = members.get(d.between(0, i - 1));
                if (referrer.person() != a.person() && referrer.createdAt().isBefore(a.createdAt())) {
                    a.referredBy(referrer);
                    break;
                }
            }
        }
    }

    private static Account firstAccountOf(List<Account> members, Account a) {
        return members.stream().filter(m -> m.person() == a.person()).findFirst().orElse(a);
    }

    /** Applies the planned edits in time order; edits after the period are never made. */
    private void applyInOrder(Account account, List<Pending> pending) {
        pending.sort(Comparator.comparing(Pending::at));
        CustomerState state = account.initial();
        for (Pending change : pending) {
            if (!change.at().isAfter(account.createdAt()) || !ctx.season.inPeriod(change.at())) {
                continue;
            }
            state = change.edit().apply(state);
            account.change(change.at(), state);
        }
    }

    private record Pending(Instant at, UnaryOperator<CustomerState> edit) {
    }
}
