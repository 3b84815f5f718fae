package loyalty.flink.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.identity.IdentityMerged;
import loyalty.contract.identity.Resolved;
import loyalty.flink.raw.RawEvent;
import loyalty.identity.resolve.LinkChange;
import loyalty.identity.resolve.MemberProfile;
import loyalty.identity.resolve.Outcome;
import loyalty.identity.resolve.Resolution;
import loyalty.identity.resolve.Resolver;
import loyalty.identity.resolve.RuleBook;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Identity resolution of one program (the key) in SPEC §1 order: events wait in state until the watermark passes
 * their {@code occurred_at}, then go through the {@link Resolver} by {@code (occurred_at, event_id)}. So the arrival
 * order within the out-of-orderness bound does not change member ids, links or merges. An event older than the
 * watermark is resolved at once and marked {@code late}.
 *
 * <p>When no event arrives for the quiet period (processing time), everything waiting is resolved, in order, and
 * the operator's own watermark moves to the newest of it: without that, the last bound's worth of a finite input
 * (a backfill, a test, a quiet night) would wait for the next event. Events older than that are then late too.
 */
public final class ResolveIdentities extends KeyedProcessFunction<String, RawEvent, KeyedJson> {
    private static final Comparator<RawEvent> ORDER =
            Comparator.comparing(RawEvent::occurredAt).thenComparing(RawEvent::eventId);

    static final int FLUSH_CHUNK = 2_000;

    private final Duration appliedTtl;
    private final Duration quietFlush;

    private transient MapState<Long, List<RawEvent>> waiting;
    private transient ValueState<Long> releasedUpTo;
    /** Operator-wide and not checkpointed: after a restart the input counts as active again, not quiet. */
    private transient long lastArrival;
    private transient ValueState<Long> flushTimer;
    private transient ValueState<Boolean> flushing;
    private transient ValueState<String> ruleBookJson;
    private transient KeyedStateIdentityStore store;
    private transient Map<String, RuleBook> ruleBooks;
    private transient Map<Outcome, Counter> outcomes;
    private transient Counter late;
    private transient Counter ignoredIdentifiers;

    public ResolveIdentities(Duration appliedTtl, Duration quietFlush) {
        this.appliedTtl = appliedTtl;
        this.quietFlush = quietFlush;
    }

    @Override
    public void open(OpenContext openContext) {
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting", Types.LONG,
                new ListTypeInfo<>(TypeInformation.of(RawEvent.class))));
        releasedUpTo = getRuntimeContext().getState(new ValueStateDescriptor<>("released-up-to", Types.LONG));
        lastArrival = System.currentTimeMillis();
        flushTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("flush-timer", Types.LONG));
        flushing = getRuntimeContext().getState(new ValueStateDescriptor<>("flushing", Types.BOOLEAN));
        ruleBookJson = getRuntimeContext().getState(new ValueStateDescriptor<>("rule-book", Types.STRING));
        MapStateDescriptor<String, Boolean> appliedDescriptor =
                new MapStateDescriptor<>("applied-event-ids", Types.STRING, Types.BOOLEAN);
        appliedDescriptor.enableTimeToLive(appliedTtlConfig(appliedTtl));
        store = new KeyedStateIdentityStore(
                getRuntimeContext().getMapState(new MapStateDescriptor<>("links", Types.STRING, Types.STRING)),
                getRuntimeContext().getMapState(new MapStateDescriptor<>("members", Types.STRING, Types.STRING)),
                getRuntimeContext().getMapState(appliedDescriptor));
        ruleBooks = new HashMap<>();
        outcomes = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, getRuntimeContext().getMetricGroup().counter("outcome_" + o.wireName()));
        }
        late = getRuntimeContext().getMetricGroup().counter("late");
        ignoredIdentifiers = getRuntimeContext().getMetricGroup().counter("ignoredIdentifiers");
    }

    @Override
    public void processElement(RawEvent event, Context ctx, Collector<KeyedJson> out) throws Exception {
        long ts = event.occurredAt().toEpochMilli();
        long now = ctx.timerService().currentProcessingTime();
        lastArrival = now;
        if (flushTimer.value() == null) {
            long at = now + quietFlush.toMillis();
            ctx.timerService().registerProcessingTimeTimer(at);
            flushTimer.update(at);
        }
        if (ts <= watermark(ctx)) {
            late.inc();
            apply(event, true, ctx, out);
            return;
        }
        List<RawEvent> sameTime = waiting.get(ts);
        List<RawEvent> list = sameTime == null ? new ArrayList<>(1) : new ArrayList<>(sameTime);
        list.add(event);
        waiting.put(ts, list);
        ctx.timerService().registerEventTimeTimer(ts);
    }

    /**
     * The applied ids of a program are one map under one key. Flink's incremental TTL cleanup would walk that whole
     * map on every access on the heap backend (quadratic in the number of events); expired ids are dropped from
     * snapshots and by RocksDB's compaction filter instead, and never read back as applied.
     */
    static StateTtlConfig appliedTtlConfig(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .updateTtlOnCreateAndWrite()
                .neverReturnExpired()
                .disableCleanupInBackground()
                .cleanupFullSnapshot()
                .cleanupInRocksdbCompactFilter(1000)
                .build();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedJson> out) throws Exception {
        if (ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.EVENT_TIME) {
            release(timestamp, ctx, out);
            return;
        }
        if (Boolean.TRUE.equals(flushing.value()) || timestamp - lastArrival >= quietFlush.toMillis()) {
            flush(timestamp, ctx, out);
        } else {
            long at = Math.max(lastArrival + quietFlush.toMillis(), timestamp + 1);
            ctx.timerService().registerProcessingTimeTimer(at);
            flushTimer.update(at);
        }
    }

    /**
     * Resolves what waits, oldest first, at most {@value #FLUSH_CHUNK} events per call: a long flush continues in
     * the next timer call, so checkpoints (and with them the output's commits) go on between the chunks.
     */
    private void flush(long timestamp, OnTimerContext ctx, Collector<KeyedJson> out) throws Exception {
        List<Long> times = new ArrayList<>();
        waiting.keys().forEach(times::add);
        times.sort(null);
        int released = 0;
        for (long t : times) {
            if (released >= FLUSH_CHUNK) {
                flushing.update(Boolean.TRUE);
                ctx.timerService().registerProcessingTimeTimer(timestamp + 1);
                flushTimer.update(timestamp + 1);
                return;
            }
            released += release(t, ctx, out);
            Long before = releasedUpTo.value();
            releasedUpTo.update(before == null ? t : Math.max(t, before));
        }
        flushing.clear();
        flushTimer.clear();
    }

    private int release(long ts, Context ctx, Collector<KeyedJson> out) throws Exception {
        List<RawEvent> due = waiting.get(ts);
        if (due == null) {
            return 0;
        }
        waiting.remove(ts);
        List<RawEvent> ordered = new ArrayList<>(due);
        ordered.sort(ORDER);
        for (RawEvent e : ordered) {
            apply(e, false, ctx, out);
        }
        return ordered.size();
    }

    private long watermark(Context ctx) throws Exception {
        Long released = releasedUpTo.value();
        return Math.max(ctx.timerService().currentWatermark(), released == null ? Long.MIN_VALUE : released);
    }

    private void apply(RawEvent raw, boolean isLate, Context ctx, Collector<KeyedJson> out) throws Exception {
        Event event = toEvent(raw);
        RuleBook book = ruleBook(ctx.getCurrentKey());
        Resolver resolver = new Resolver(store, book);
        Resolution r = resolver.resolve(event);
        outcomes.get(r.outcome()).inc();
        ignoredIdentifiers.inc(r.ignored().size());
        switch (r.outcome()) {
            case DUPLICATE -> {
                return;
            }
            case DEAD_LETTER -> {
                ctx.output(IdentityOutputs.DEAD_LETTERS, deadLetter(raw, event, r));
                return;
            }
            case NOT_NEEDED -> ruleBookJson.update(EventJson.mapper().writeValueAsString(book));
            default -> {
            }
        }
        for (IdentityMerged m : r.merges()) {
            Resolved merge = Resolved.merge(m, isLate);
            out.collect(new KeyedJson(merge.key(), json(merge)));
            ctx.output(IdentityOutputs.CHANGES, new KeyedJson(m.survivorId(), json(m)));
            ctx.output(IdentityOutputs.EVENT_ROWS, IdentityRows.merged(m));
        }
        if (r.conflict() != null) {
            ctx.output(IdentityOutputs.CHANGES, new KeyedJson(r.conflict().assignedTo(), json(r.conflict())));
            ctx.output(IdentityOutputs.EVENT_ROWS, IdentityRows.conflict(r.conflict()));
        }
        for (MemberProfile p : r.members()) {
            ctx.output(IdentityOutputs.MEMBER_ROWS, IdentityRows.member(p));
        }
        for (LinkChange l : r.links()) {
            ctx.output(IdentityOutputs.LINK_ROWS, IdentityRows.link(l));
        }
        if (isLate) {
            ctx.output(IdentityOutputs.EVENT_ROWS, IdentityRows.late(event, r.memberId(),
                    Instant.ofEpochMilli(watermark(ctx))));
        }
        Resolved resolved = Resolved.event(r.memberId(), r.outcome().wireName(), isLate, event);
        if (event.eventType() == EventType.ORDER_COMPLETED) {
            resolved = resolved.withReferrer(resolver.referrerOf(r.memberId(), event.occurredAt()).orElse(null));
        }
        out.collect(new KeyedJson(resolved.key(), json(resolved)));
    }

    private RuleBook ruleBook(String program) throws Exception {
        RuleBook book = ruleBooks.get(program);
        if (book == null) {
            String stored = ruleBookJson.value();
            book = stored == null ? new RuleBook() : EventJson.mapper().readValue(stored, RuleBook.class);
            ruleBooks.put(program, book);
        }
        return book;
    }

    private static Event toEvent(RawEvent raw) throws JsonProcessingException {
        ObjectNode payload = (ObjectNode) EventJson.mapper().readTree(raw.payloadJson());
        return new Event(raw.eventId(), raw.type(), raw.program(), raw.occurredAt(), raw.source(), raw.identifiers(),
                payload);
    }

    private static DeadLetter deadLetter(RawEvent raw, Event event, Resolution r) throws JsonProcessingException {
        String detail = r.ignored().stream()
                .map(x -> x.type().wireName() + " " + x.reason().code() + (x.detail() == null ? "" : ": " + x.detail()))
                .collect(Collectors.joining("; "));
        return new DeadLetter(EventJson.mapper().writeValueAsBytes(event),
                r.deadLetterReason(), detail,
                "kafka:" + raw.kafkaTopic(), raw.kafkaPartition() + "/" + raw.kafkaOffset(), Instant.now());
    }

    private static byte[] json(Object value) throws JsonProcessingException {
        return EventJson.mapper().writeValueAsBytes(value);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
