package loyalty.flink.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.identity.IdentityMerged;
import loyalty.contract.identity.Resolved;
import loyalty.contract.validation.RejectReason;
import loyalty.flink.common.JsonStateSerializer;
import loyalty.flink.identity.KeyedJson;
import loyalty.flink.serving.ServingBalance;
import loyalty.ledger.core.Balance;
import loyalty.ledger.core.BookRules;
import loyalty.ledger.core.LedgerEntry;
import loyalty.ledger.core.LedgerStep;
import loyalty.ledger.core.MemberLedger;
import loyalty.ledger.core.Merges;
import loyalty.ledger.core.RedemptionOutcome;
import loyalty.ledger.core.Referrals;
import loyalty.ledger.core.TierChange;
import loyalty.ledger.rules.CampaignConditions;
import loyalty.ledger.rules.RuleBook;
import loyalty.ledger.rules.RuleSet;
import loyalty.ledger.rules.RuleSetPublication;
import loyalty.ledger.rules.RuleSets;
import loyalty.nudge.LedgerBefore;
import loyalty.nudge.MemberNudges;
import loyalty.nudge.Nudge;
import loyalty.nudge.Nudging;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The points ledger of one program (the key): each resolved record, in the order identity resolution wrote it (one
 * partition per program keeps it), goes through the plain-Java {@link MemberLedger} of its member; merges move one
 * member's ledger into another's (both are here). Effects due later (availability, expiry, reviews, birthdays) fire
 * on event-time timers. Outputs: ledger entries (main), balances, redemption outcomes, tier changes, rejected rule
 * sets, every rule set publication (for audit), dead letters for repeated order or return ids, and nudges: every
 * step (event, timer, merge, referral) also goes through {@link Nudging} with the member's {@link MemberNudges},
 * kept beside its ledger.
 */
public final class ApplyLedger extends KeyedProcessFunction<String, ResolvedRecord, KeyedJson> {
    /** Epoch millis, or null: see {@link #ApplyLedger(Instant)}. */
    private final Long horizon;
    private transient MapState<String, MemberLedger> ledgers;
    private transient MapState<String, MemberNudges> nudges;
    /** Ledgers as JSON text, as checkpoints before {@code member-ledgers} held them; moved over on first use. */
    private transient MapState<String, String> ledgersAsText;
    private transient MapState<Long, List<String>> due;
    private transient ValueState<String> ruleBookJson;
    private transient Map<String, RuleBook> ruleBooks;
    private transient CampaignConditions conditions;
    private transient Counter unattributed;
    private transient Counter referralsUnresolved;

    /** Live: effects fire as event time passes them, for ever. */
    public ApplyLedger() {
        this(null);
    }

    /**
     * For a replay or simulation of history up to {@code horizon}: nothing due after it is scheduled, and at the end
     * of the input every member with something due is brought to the horizon (in a batch run timers only fire
     * then), so the result is that of a live run whose event time reached the horizon.
     */
    public ApplyLedger(Instant horizon) {
        this.horizon = horizon == null ? null : horizon.toEpochMilli();
    }

    @Override
    public void open(OpenContext openContext) {
        ledgers = getRuntimeContext().getMapState(new MapStateDescriptor<>("member-ledgers",
                org.apache.flink.api.common.typeutils.base.StringSerializer.INSTANCE,
                new JsonStateSerializer<>(MemberLedger.class)));
        nudges = getRuntimeContext().getMapState(new MapStateDescriptor<>("member-nudges",
                org.apache.flink.api.common.typeutils.base.StringSerializer.INSTANCE,
                new JsonStateSerializer<>(MemberNudges.class)));
        ledgersAsText = getRuntimeContext().getMapState(new MapStateDescriptor<>("ledgers", Types.STRING,
                Types.STRING));
        due = getRuntimeContext().getMapState(new MapStateDescriptor<>("due", Types.LONG,
                new ListTypeInfo<>(Types.STRING)));
        ruleBookJson = getRuntimeContext().getState(new ValueStateDescriptor<>("rule-book", Types.STRING));
        ruleBooks = new HashMap<>();
        conditions = new CampaignConditions();
        unattributed = getRuntimeContext().getMetricGroup().counter("unattributedEvents");
        // a first order whose referrer's identifiers nobody holds: no bonus, as SPEC §4 says for a referrer not enrolled
        referralsUnresolved = getRuntimeContext().getMetricGroup().counter("referralsWithoutReferrer");
    }

    @Override
    public void processElement(ResolvedRecord record, Context ctx, Collector<KeyedJson> out) throws Exception {
        Resolved r = EventJson.mapper().readValue(record.json(), Resolved.class);
        BookRules rules = rules(ctx.getCurrentKey());
        Map<String, MemberLedger> touched = new LinkedHashMap<>();
        if (Resolved.MERGE.equals(r.kind())) {
            IdentityMerged m = r.merge();
            MemberLedger loser = ledger(r.program(), m.loserId(), touched);
            MemberLedger survivor = ledger(r.program(), m.survivorId(), touched);
            catchUp(ctx, out, rules, loser, m.occurredAt());
            catchUp(ctx, out, rules, survivor, m.occurredAt());
            LedgerBefore loserBefore = LedgerBefore.of(loser);
            LedgerBefore survivorBefore = LedgerBefore.of(survivor);
            Merges.Out moved = Merges.transferOut(loser, m.mergeId(), m.survivorId(), m.occurredAt(),
                    m.welcomeClawback(), rules);
            emit(moved.step(), ctx, out);
            MemberNudges loserNudges = memberNudges(r.program(), m.loserId());
            nudge(loserNudges, loserBefore, loser, null, moved.step(), m.occurredAt(), m.mergeId(), rules, ctx);
            LedgerStep in = Merges.transferIn(survivor, moved.transfer(), rules);
            emit(in, ctx, out);
            MemberNudges survivorNudges = memberNudges(r.program(), m.survivorId());
            survivorNudges.foldIn(loserNudges);
            nudges.put(m.loserId(), loserNudges);
            nudge(survivorNudges, survivorBefore, survivor, null, in, m.occurredAt(), m.mergeId(), rules, ctx);
            finish(touched, m.occurredAt(), rules, ctx);
            return;
        }
        Event event = r.event();
        if (event.eventType() == EventType.RULES_PUBLISHED) {
            publish(event, ctx);
            return;
        }
        if (r.memberId() == null) {
            unattributed.inc();
            if (event.eventType() == EventType.REDEMPTION_REQUESTED) {
                long points = event.payload().path("points").asLong();
                // SPEC §13.16: the amount is checked before the member
                RedemptionOutcome unknown = new RedemptionOutcome(event.payload().path("redemption_id").asText(),
                        event.program(), null, RedemptionOutcome.REJECTED,
                        points <= 0 ? "invalid_amount" : "unknown_member", points, null, event.eventId(),
                        event.occurredAt(), null);
                ctx.output(LedgerOutputs.OUTCOMES, new KeyedJson(unknown.redemptionId(), json(unknown)));
            }
            return;
        }
        MemberLedger ledger = ledger(r.program(), r.memberId(), touched);
        catchUp(ctx, out, rules, ledger, event.occurredAt());
        LedgerBefore before = LedgerBefore.of(ledger);
        LedgerStep step = ledger.apply(event, rules);
        if (step.deadLetterReason() != null) {
            ctx.output(LedgerOutputs.DEAD_LETTERS, new DeadLetter(EventJson.mapper().writeValueAsBytes(event),
                    RejectReason.valueOf(step.deadLetterReason().toUpperCase(java.util.Locale.ROOT)),
                    "the ledger already holds this id", "ledger:" + event.program(), event.eventId(), Instant.now()));
        }
        emit(step, ctx, out);
        nudge(memberNudges(r.program(), r.memberId()), before, ledger, event, step, event.occurredAt(),
                event.eventId(), rules, ctx);
        if (step.referral() != null) {
            if (r.referrerId() == null) {
                referralsUnresolved.inc();
            } else {
                MemberLedger referrer = ledger(r.program(), r.referrerId(), touched);
                catchUp(ctx, out, rules, referrer, step.referral().at());
                LedgerBefore referrerBefore = LedgerBefore.of(referrer);
                LedgerStep credit = Referrals.credit(referrer, step.referral(), rules);
                emit(credit, ctx, out);
                nudge(memberNudges(r.program(), r.referrerId()), referrerBefore, referrer, null, credit,
                        step.referral().at(), event.eventId() + ":referral", rules, ctx);
            }
        }
        finish(touched, event.occurredAt(), rules, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedJson> out) throws Exception {
        List<String> members = due.get(timestamp);
        if (members == null) {
            return;
        }
        due.remove(timestamp);
        BookRules rules = rules(ctx.getCurrentKey());
        Map<String, MemberLedger> touched = new LinkedHashMap<>();
        boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        Instant at = Instant.ofEpochMilli(endOfInput && horizon != null ? horizon : timestamp);
        for (String memberId : members) {
            MemberLedger ledger = ledger(ctx.getCurrentKey(), memberId, touched);
            if (endOfInput && horizon != null) {
                // No more timers fire after the end of a bounded input: take this timer's instant and each one
                // still due up to the horizon as its own step, as a live job's timers would, and no step beyond
                // them (a live job has none at its clock either), so that nudges are dated and worded alike
                Instant fired = Instant.ofEpochMilli(timestamp);
                if (!fired.isAfter(at)) {
                    advance(ctx, out, rules, ledger, fired);
                    stepDue(ctx, out, rules, ledger, d -> d.isAfter(fired) && !d.isAfter(at));
                }
            } else {
                advance(ctx, out, rules, ledger, at);
            }
        }
        finish(touched, at, rules, ctx);
    }

    /**
     * Takes each instant due for the member before {@code t} as its own step, as its timer would have. Whether a
     * timer fired before the next event reached the member depends on when watermarks happened to go out, and a due
     * effect folded into the event's step would be nudged as that event's: stepping here makes the nudges (and the
     * steps) the same however the timers ran, live or in a replay.
     */
    private void catchUp(Context ctx, Collector<KeyedJson> out, BookRules rules, MemberLedger ledger, Instant t)
            throws Exception {
        stepDue(ctx, out, rules, ledger, d -> d.isBefore(t));
    }

    /** Takes each instant due for the member, in order, as its own step while {@code inRange} holds for it. */
    private void stepDue(Context ctx, Collector<KeyedJson> out, BookRules rules, MemberLedger ledger,
                         Predicate<Instant> inRange) throws Exception {
        Optional<Instant> next = ledger.nextDue(rules).filter(inRange);
        while (next.isPresent()) {
            Instant at = next.get();
            advance(ctx, out, rules, ledger, at);
            next = ledger.nextDue(rules).filter(d -> d.isAfter(at) && inRange.test(d));
        }
    }

    /** Applies what is due for one member up to {@code at}, then its nudges. */
    private void advance(Context ctx, Collector<KeyedJson> out, BookRules rules, MemberLedger ledger, Instant at)
            throws Exception {
        LedgerBefore before = LedgerBefore.of(ledger);
        LedgerStep step = ledger.advanceTo(at, rules);
        emit(step, ctx, out);
        nudge(memberNudges(ctx.getCurrentKey(), ledger.memberId), before, ledger, null, step, at, "due@" + at, rules,
                ctx);
    }

    private void emit(LedgerStep step, Context ctx, Collector<KeyedJson> out) throws JsonProcessingException {
        for (LedgerEntry e : step.entries()) {
            out.collect(new KeyedJson(e.memberId(), json(e)));
        }
        for (RedemptionOutcome o : step.outcomes()) {
            ctx.output(LedgerOutputs.OUTCOMES, new KeyedJson(o.redemptionId(), json(o)));
        }
        for (TierChange c : step.tierChanges()) {
            ctx.output(LedgerOutputs.TIER_CHANGES, new KeyedJson(c.memberId(), json(c)));
        }
    }

    /** Runs the step through triggers and gates, emits every nudge record and keeps the member's nudge state. */
    private void nudge(MemberNudges state, LedgerBefore before, MemberLedger after, Event event, LedgerStep step,
                       Instant at, String stepKey, BookRules rules, Context ctx) throws Exception {
        for (Nudge n : Nudging.step(state, before, after, event, step, at, stepKey, rules)) {
            ctx.output(LedgerOutputs.NUDGES, new KeyedJson(n.memberId(), json(n)));
        }
        nudges.put(state.memberId, state);
    }

    private MemberNudges memberNudges(String program, String memberId) throws Exception {
        MemberNudges state = nudges.get(memberId);
        return state != null ? state : new MemberNudges(program, memberId);
    }

    /** Stores the members changed, publishes their balances and schedules what is due next for each. */
    private void finish(Map<String, MemberLedger> touched, Instant at, BookRules rules, Context ctx)
            throws Exception {
        for (MemberLedger m : touched.values()) {
            Instant asOf = latest(latest(at, m.clock), m.publishedAsOf);
            m.publishedAsOf = asOf;
            Balance balance = m.balance(asOf);
            ledgers.put(m.memberId, m);
            ctx.output(LedgerOutputs.BALANCES, new KeyedJson(m.memberId, json(balance)));
            // The serving table also shows the open lots; the balances topic keeps the SPEC §11 shape.
            ctx.output(LedgerOutputs.SERVING_BALANCES, new KeyedJson(m.memberId,
                    json(ServingBalance.of(balance, m))));
            var next = m.nextDue(rules);
            // At the end of a bounded input the watermark jumps to the end of time; yearly reviews and birthdays
            // would then schedule each other for ever.
            long t = next.map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
            if (next.isPresent() && ctx.timerService().currentWatermark() != Long.MAX_VALUE
                    && (horizon == null || t <= horizon)) {
                List<String> list = due.get(t);
                List<String> updated = list == null ? new ArrayList<>() : new ArrayList<>(list);
                if (!updated.contains(m.memberId)) {
                    updated.add(m.memberId);
                    due.put(t, updated);
                }
                ctx.timerService().registerEventTimeTimer(t);
            }
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return b == null || (a != null && a.isAfter(b)) ? a : b;
    }

    private MemberLedger ledger(String program, String memberId, Map<String, MemberLedger> touched)
            throws Exception {
        MemberLedger m = touched.get(memberId);
        if (m == null) {
            m = ledgers.get(memberId);
            if (m == null) {
                String earlier = ledgersAsText.get(memberId);
                if (earlier != null) {
                    ledgersAsText.remove(memberId);
                }
                m = earlier == null ? new MemberLedger(program, memberId)
                        : EventJson.mapper().readValue(earlier, MemberLedger.class);
            }
            touched.put(memberId, m);
        }
        return m;
    }

    private BookRules rules(String program) throws Exception {
        RuleBook book = ruleBooks.get(program);
        if (book == null) {
            String stored = ruleBookJson.value();
            book = stored == null ? new RuleBook() : EventJson.mapper().readValue(stored, RuleBook.class);
            ruleBooks.put(program, book);
        }
        return new BookRules(book, conditions);
    }

    /**
     * SPEC §9: a valid rule set joins the book; an invalid one is rejected with its errors and never applied. Either
     * way the publication is recorded for audit, with its diff from the last accepted rule set of the book.
     */
    private void publish(Event event, Context ctx) throws Exception {
        RuleBook book = ruleBooks.get(event.program());
        JsonNode ruleSet = event.payload().path("rule_set");
        Instant effectiveFrom = event.payload().hasNonNull("effective_from")
                ? Instant.parse(event.payload().get("effective_from").asText()) : null;
        List<RuleSet> accepted = book.published();
        RuleSet previous = accepted.isEmpty() ? null : accepted.get(accepted.size() - 1);
        RuleSets.Parsed parsed = book.publish(ruleSet, effectiveFrom);
        RuleSetPublication publication = RuleSetPublication.of(event, previous, parsed);
        ctx.output(LedgerOutputs.RULE_SET_PUBLICATIONS, new KeyedJson(event.program(), json(publication)));
        if (parsed instanceof RuleSets.Parsed.Invalid invalid) {
            ObjectNode rejected = EventJson.mapper().createObjectNode();
            rejected.put("program", event.program());
            rejected.put("event_id", event.eventId());
            rejected.put("version", ruleSet.path("version").asText(null));
            rejected.putPOJO("errors", invalid.errors());
            rejected.set("rule_set", ruleSet);
            ctx.output(LedgerOutputs.RULES_REJECTED, new KeyedJson(event.program(), json(rejected)));
            return;
        }
        ruleBookJson.update(EventJson.mapper().writeValueAsString(book));
    }

    private static byte[] json(Object value) throws JsonProcessingException {
        return EventJson.mapper().writeValueAsBytes(value);
    }
}
