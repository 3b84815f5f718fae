package loyalty.nudge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
import loyalty.identity.resolve.InMemoryIdentityStore;
import loyalty.identity.resolve.Outcome;
import loyalty.identity.resolve.Resolution;
import loyalty.identity.resolve.Resolver;
import loyalty.ledger.core.BookRules;
import loyalty.ledger.core.LedgerStep;
import loyalty.ledger.core.MemberLedger;
import loyalty.ledger.core.Merges;
import loyalty.ledger.rules.CampaignConditions;
import loyalty.ledger.rules.RuleBook;
import org.junit.jupiter.api.Test;

/**
 * Identity, ledger and nudges over a generated program's feeds, in SPEC §1 order as the jobs run them: every record
 * validates against the contract, ids are unique and the same history gives the same nudges, no member gets more
 * than three delivered marketing nudges in any 7 days, and held-out members get none.
 */
class NudgesOnGeneratedDataTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void nudgesOfAGeneratedProgramKeepTheGatesPromises() throws Exception {
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

        List<Nudge> first = run(events);
        List<Nudge> second = run(events);

        assertThat(second).isEqualTo(first);
        assertThat(first).extracting(Nudge::nudgeId).doesNotHaveDuplicates();
        JsonSchema schema = schema();
        for (Nudge n : first) {
            JsonNode json = EventJson.mapper().valueToTree(n);
            assertThat(schema.validate(json)).as(json.toString()).isEmpty();
        }
        Map<String, List<Nudge>> delivered = first.stream()
                .filter(n -> n.delivered() && n.type().marketing())
                .collect(Collectors.groupingBy(Nudge::memberId, TreeMap::new, Collectors.toList()));
        delivered.forEach((member, list) -> {
            for (Nudge n : list) {
                long inWindow = list.stream().filter(o -> o.triggeredAt().isAfter(n.triggeredAt()
                        .minus(Duration.ofDays(7))) && !o.triggeredAt().isAfter(n.triggeredAt())).count();
                assertThat(inWindow).as(member + " at " + n.triggeredAt()).isLessThanOrEqualTo(3);
            }
        });
        assertThat(first).filteredOn(n -> n.holdout() && n.delivered()).allMatch(n -> !n.type().marketing());
        assertThat(first).filteredOn(n -> n.holdout() && n.type().marketing())
                .allMatch(n -> n.reason().equals(Gates.HOLDOUT) || n.reason().equals(Gates.NOT_ENROLLED));
        assertThat(first.stream().map(Nudge::type).distinct()).as("a year of a program nudges for every reason")
                .contains(NudgeType.WELCOME, NudgeType.TIER_UPGRADE, NudgeType.POINTS_EXPIRING,
                        NudgeType.LAPSE_RISK, NudgeType.REWARD_UNLOCKED, NudgeType.REDEMPTION_CONFIRMED);
        System.out.println("event=generated_nudges events=" + events.size() + " nudges=" + first.size()
                + " delivered_by_type=" + first.stream().filter(Nudge::delivered)
                .collect(Collectors.groupingBy(Nudge::type, TreeMap::new, Collectors.counting()))
                + " suppressed_by_reason=" + first.stream().filter(n -> !n.delivered())
                .collect(Collectors.groupingBy(Nudge::reason, TreeMap::new, Collectors.counting())));
    }

    private List<Nudge> run(List<Event> events) {
        RuleBook book = new RuleBook();
        book.publish(DefaultRuleSet.first("acme", START), null);
        BookRules rules = new BookRules(book, new CampaignConditions());
        Resolver resolver = new Resolver(new InMemoryIdentityStore(), new loyalty.identity.resolve.RuleBook());
        Map<String, MemberLedger> ledgers = new TreeMap<>();
        Map<String, MemberNudges> states = new TreeMap<>();
        List<Nudge> nudges = new ArrayList<>();
        for (Event e : events) {
            Resolution r = resolver.resolve(e);
            if (r.outcome() == Outcome.DUPLICATE || r.outcome() == Outcome.DEAD_LETTER || r.memberId() == null) {
                continue;
            }
            for (IdentityMerged m : r.merges()) {
                MemberLedger loser = ledger(ledgers, m.loserId());
                MemberLedger survivor = ledger(ledgers, m.survivorId());
                LedgerBefore loserBefore = LedgerBefore.of(loser);
                LedgerBefore survivorBefore = LedgerBefore.of(survivor);
                Merges.Out out = Merges.transferOut(loser, m.mergeId(), m.survivorId(), m.occurredAt(),
                        m.welcomeClawback(), rules);
                nudges.addAll(Nudging.step(state(states, m.loserId()), loserBefore, loser, null, out.step(),
                        m.occurredAt(), m.mergeId(), rules));
                LedgerStep in = Merges.transferIn(survivor, out.transfer(), rules);
                state(states, m.survivorId()).foldIn(state(states, m.loserId()));
                nudges.addAll(Nudging.step(state(states, m.survivorId()), survivorBefore, survivor, null, in,
                        m.occurredAt(), m.mergeId(), rules));
            }
            MemberLedger m = ledger(ledgers, r.memberId());
            if (r.outcome() == Outcome.CREATED && e.eventType() != EventType.MEMBER_ENROLLED) {
                // the feeds carry few enrolments (CDC brings most): enrol every new profile where it appears
                Event enrol = new Event("enr-" + e.eventId(), EventType.MEMBER_ENROLLED.wireName(), e.program(),
                        e.occurredAt(), "test", Identifiers.NONE,
                        (com.fasterxml.jackson.databind.node.ObjectNode) EventJson.mapper().createObjectNode()
                                .set("consent", EventJson.mapper().createObjectNode().put("email", true)));
                step(nudges, states, m, enrol, rules);
            }
            step(nudges, states, m, e, rules);
        }
        Instant end = events.get(events.size() - 1).occurredAt().plus(Duration.ofDays(400));
        for (MemberLedger m : ledgers.values()) {
            for (var due = m.nextDue(rules); due.isPresent() && !due.get().isAfter(end); due = m.nextDue(rules)) {
                LedgerBefore before = LedgerBefore.of(m);
                Instant at = due.get();
                nudges.addAll(Nudging.step(state(states, m.memberId), before, m, null, m.advanceTo(at, rules), at,
                        "due@" + at, rules));
            }
        }
        return nudges;
    }

    private static void step(List<Nudge> nudges, Map<String, MemberNudges> states, MemberLedger m, Event e,
                             BookRules rules) {
        LedgerBefore before = LedgerBefore.of(m);
        LedgerStep step = m.apply(e, rules);
        nudges.addAll(Nudging.step(state(states, m.memberId), before, m, e, step, e.occurredAt(), e.eventId(),
                rules));
    }

    private static MemberLedger ledger(Map<String, MemberLedger> ledgers, String memberId) {
        return ledgers.computeIfAbsent(memberId, id -> new MemberLedger("acme", id));
    }

    private static MemberNudges state(Map<String, MemberNudges> states, String memberId) {
        return states.computeIfAbsent(memberId, id -> new MemberNudges("acme", id));
    }

    private static JsonSchema schema() throws Exception {
        try (InputStream in = NudgesOnGeneratedDataTest.class.getResourceAsStream(
                "/loyalty/contract/schemas/nudge.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }
}
