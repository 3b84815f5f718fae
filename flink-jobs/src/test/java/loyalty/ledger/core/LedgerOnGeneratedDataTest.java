package loyalty.ledger.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.identity.IdentityMerged;
import loyalty.generator.GeneratedProgram;
import loyalty.generator.Generator;
import loyalty.generator.GeneratorConfig;
import loyalty.generator.feed.FeedLine;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.rules.DefaultRuleSet;
import loyalty.identity.normalize.IdentifierNormalizer;
import loyalty.identity.normalize.IdentifierType;
import loyalty.identity.normalize.NormalizedIdentifiers;
import loyalty.identity.normalize.RegionChain;
import loyalty.identity.resolve.IdentifierKey;
import loyalty.identity.resolve.InMemoryIdentityStore;
import loyalty.identity.resolve.Outcome;
import loyalty.identity.resolve.Resolution;
import loyalty.identity.resolve.Resolver;
import loyalty.ledger.rules.CampaignConditions;
import loyalty.ledger.rules.RuleBook;
import org.junit.jupiter.api.Test;

/**
 * The identity rules and the ledger rules together over a generated program's feeds (the identity mess, returns,
 * debt, redemptions, merges, a campaign revision), in SPEC §1 order, as the Flink jobs will run them; every new
 * profile is enrolled where it first appears, since most enrolments come through CDC, not the feeds. The
 * SPEC §11 invariants hold for every member, a merge changes the program's total only by the welcome it takes back,
 * no approved redemption exceeds what was available, and the same history gives the same ledger.
 */
class LedgerOnGeneratedDataTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theLedgerOfAGeneratedProgramKeepsTheSpecInvariantsAndReplaysIdentically() throws Exception {
        GeneratedProgram program = Generator.generate(GeneratorConfig.defaults(21).withCustomers(600)
                .withPeriod(LocalDate.of(2026, 1, 1), 200));
        List<Event> events = new ArrayList<>();
        for (FeedSource source : FeedSource.values()) {
            for (FeedLine line : program.feed(source)) {
                if (line.kind() == FeedLine.Kind.VALID) {
                    events.add(EventJson.mapper().readValue(line.text(), Event.class));
                }
            }
        }
        events.sort(Comparator.comparing(Event::occurredAt).thenComparing(Event::eventId));

        Run first = run(events);
        Run second = run(events);

        assertThat(second.entries).isEqualTo(first.entries);
        assertThat(first.entries).hasSizeGreaterThan(1_000);
        assertThat(first.merges).as("the planted duplicate accounts merge").isPositive();
        assertThat(first.entries.stream().filter(e -> e.type() == EntryType.EXPIRE)).isNotEmpty();
        assertThat(first.entries.stream().filter(e -> e.type() == EntryType.CLAWBACK)).isNotEmpty();
        assertThat(first.approved).isPositive();
    }

    private record Run(List<LedgerEntry> entries, long merges, long approved) {
    }

    private Run run(List<Event> events) {
        RuleBook book = new RuleBook();
        book.publish(DefaultRuleSet.first("acme", START), null);
        Instant v2 = START.plus(Duration.ofDays(60));
        book.publish(DefaultRuleSet.revision(DefaultRuleSet.first("acme", v2), v2, v2.plus(Duration.ofDays(30))),
                null);
        BookRules rules = new BookRules(book, new CampaignConditions());
        InMemoryIdentityStore store = new InMemoryIdentityStore();
        Resolver resolver = new Resolver(store, new loyalty.identity.resolve.RuleBook());
        Map<String, MemberLedger> ledgers = new HashMap<>();
        List<LedgerEntry> entries = new ArrayList<>();
        long merges = 0;
        long approved = 0;
        for (Event e : events) {
            Resolution r = resolver.resolve(e);
            if (r.outcome() == Outcome.DUPLICATE || r.outcome() == Outcome.DEAD_LETTER || r.memberId() == null) {
                continue;
            }
            long totalBefore = total(entries);
            for (IdentityMerged m : r.merges()) {
                MemberLedger loser = ledger(ledgers, m.loserId());
                MemberLedger survivor = ledger(ledgers, m.survivorId());
                Merges.Out out = Merges.transferOut(loser, m.mergeId(), m.survivorId(), m.occurredAt(),
                        m.welcomeClawback(), rules);
                entries.addAll(out.step().entries());
                LedgerStep in = Merges.transferIn(survivor, out.transfer(), rules);
                entries.addAll(in.entries());
                long clawedBack = in.entries().stream().filter(x -> x.type() == EntryType.CLAWBACK)
                        .mapToLong(LedgerEntry::points).sum();
                long expiredNow = out.step().entries().stream().filter(x -> x.type() == EntryType.EXPIRE)
                        .mapToLong(LedgerEntry::points).sum() + in.entries().stream()
                        .filter(x -> x.type() == EntryType.EXPIRE).mapToLong(LedgerEntry::points).sum();
                assertThat(total(entries)).as("a merge changes the total only by its clawback")
                        .isEqualTo(totalBefore + clawedBack + expiredNow);
                merges++;
                totalBefore = total(entries);
            }
            MemberLedger m = ledger(ledgers, r.memberId());
            if (r.outcome() == Outcome.CREATED && e.eventType() != EventType.MEMBER_ENROLLED) {
                // the feeds carry few enrolments (CDC brings most): enrol every new profile where it appears
                entries.addAll(m.apply(new Event("enr-" + e.eventId(), EventType.MEMBER_ENROLLED.wireName(),
                        e.program(), e.occurredAt(), "test", Identifiers.NONE, null), rules).entries());
            }
            LedgerStep step = m.apply(e, rules);
            entries.addAll(step.entries());
            LedgerInvariants.approvedWithinAvailable(step.outcomes());
            approved += step.outcomes().stream()
                    .filter(o -> RedemptionOutcome.APPROVED.equals(o.status()) && o.repeatOf() == null).count();
            if (step.referral() != null) {
                referrer(store, step.referral().referrerIdentifiers()).ifPresent(id -> entries.addAll(
                        Referrals.credit(ledger(ledgers, id), step.referral(), rules).entries()));
            }
            LedgerInvariants.holdFor(m, e.occurredAt(), entries);
        }
        Instant end = events.get(events.size() - 1).occurredAt().plus(Duration.ofDays(800));
        for (MemberLedger m : ledgers.values()) {
            entries.addAll(m.advanceTo(end, rules).entries());
            LedgerInvariants.holdFor(m, end, entries);
            assertThat(m.balance(end).available() + m.balance(end).pending()).as("everything expired in the end")
                    .isEqualTo(-m.debt);
        }
        LedgerInvariants.entryIdsUnique(entries);
        return new Run(entries, merges, approved);
    }

    private static java.util.Optional<String> referrer(InMemoryIdentityStore store, JsonNode identifiers) {
        try {
            Identifiers raw = EventJson.mapper().treeToValue(identifiers, Identifiers.class);
            NormalizedIdentifiers ids = IdentifierNormalizer.normalize(raw, RegionChain.NONE,
                    loyalty.identity.normalize.Blocklist.of(loyalty.identity.normalize.BlocklistConfig.DEFAULT));
            for (IdentifierType type : List.of(IdentifierType.CRM_ID, IdentifierType.CARD, IdentifierType.EMAIL,
                    IdentifierType.PHONE)) {
                var link = ids.get(type).flatMap(v -> store.link(new IdentifierKey(type, v)));
                if (link.isPresent()) {
                    return java.util.Optional.of(link.get().memberId());
                }
            }
            return java.util.Optional.empty();
        } catch (Exception ex) {
            return java.util.Optional.empty();
        }
    }

    private static MemberLedger ledger(Map<String, MemberLedger> ledgers, String memberId) {
        return ledgers.computeIfAbsent(memberId, id -> new MemberLedger("acme", id));
    }

    private static long total(List<LedgerEntry> entries) {
        return entries.stream().mapToLong(LedgerEntry::points).sum();
    }
}
