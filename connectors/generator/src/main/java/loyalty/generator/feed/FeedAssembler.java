package loyalty.generator.feed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.generator.GeneratorConfig;
import loyalty.generator.plan.ProgramPlan;
import loyalty.generator.random.Draw;

/**
 * Lays out each feed file: events in time order with ids in file order, a malformed copy planted right after a
 * share of them ({@link Malformation}, each kind at least once per file), and exact redeliveries of a share of the
 * valid lines a little later in the file (a source that resends after a timeout). In the till feed a few sales come
 * hours late, from tills that were offline ({@link LateUploads}).
 */
public final class FeedAssembler {
    private static final Comparator<PlannedEvent> TIME_ORDER = Comparator.comparing(PlannedEvent::at)
            .thenComparingLong(PlannedEvent::seq).thenComparingInt(PlannedEvent::step);
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    /** How far (in lines) a redelivery trails its original at most. */
    private static final int REDELIVERY_LAG = 200;

    private FeedAssembler() {
    }

    public static Map<FeedSource, List<FeedLine>> assemble(List<ProgramPlan> plans, GeneratorConfig config) {
        Map<FeedSource, List<PlannedEvent>> planned = FeedEvents.of(plans, config.seed());
        Map<FeedSource, List<FeedLine>> feeds = new EnumMap<>(FeedSource.class);
        for (FeedSource source : FeedSource.values()) {
            feeds.put(source, lay(source, planned.get(source), config));
        }
        return feeds;
    }

    private static List<FeedLine> lay(FeedSource source, List<PlannedEvent> planned, GeneratorConfig config) {
        planned.sort(TIME_ORDER);
        LateUploads.Reordered uploaded = source == FeedSource.POS
                ? LateUploads.plant(planned, Draw.of(config.seed(), "late-uploads/" + source.code(), 0))
                : new LateUploads.Reordered(planned, Map.of());
        List<PlannedEvent> events = uploaded.events();
        Draw faults = Draw.of(config.seed(), "faults/" + source.code(), 0);
        Map<Integer, Malformation> malformedAfter = chooseMalformed(events.size(), config.malformedRate(), faults);
        List<FeedLine> lines = new ArrayList<>(events.size() + malformedAfter.size());
        long sequence = 0;
        for (int i = 0; i < events.size(); i++) {
            PlannedEvent e = events.get(i);
            Duration delay = uploaded.delays().get(e);
            ObjectNode tree = tree(source.eventId(++sequence), e);
            lines.add(new FeedLine(source, 0, tree.get("event_id").asText(), e.program(), e.personId(),
                    e.type().wireName(), e.at(), FeedLine.Kind.VALID, null, null, EventJson.toBytes(tree), delay));
            Malformation fault = malformedAfter.get(i);
            if (fault != null) {
                String id = source.eventId(++sequence);
                tree.put("event_id", id);
                Malformation.Result bad = fault.apply(tree, faults);
                lines.add(new FeedLine(source, 0, id, e.program(), e.personId(), e.type().wireName(), e.at(),
                        FeedLine.Kind.MALFORMED, fault.reason(), bad.fault(), bad.bytes(), delay));
            }
        }
        List<FeedLine> withRedeliveries = redeliver(lines, config.redeliveryRate(),
                Draw.of(config.seed(), "redeliveries/" + source.code(), 0));
        List<FeedLine> numbered = new ArrayList<>(withRedeliveries.size());
        for (FeedLine line : withRedeliveries) {
            numbered.add(line.at(numbered.size() + 1));
        }
        return numbered;
    }

    /** The canonical event as the source writes it; some tills write their local offset instead of Z. */
    private static ObjectNode tree(String eventId, PlannedEvent e) {
        Event event = Event.of(eventId, e.type(), e.program(), e.at(), e.source().code(), e.identifiers(), e.payload());
        ObjectNode tree = EventJson.mapper().valueToTree(event);
        if (e.localOffsetHours() != null) {
            ZoneOffset offset = ZoneOffset.ofHours(e.localOffsetHours());
            tree.put("occurred_at", OffsetDateTime.ofInstant(e.at(), offset).format(LOCAL_TIME));
        }
        return tree;
    }

    /** Which events get a malformed copy after them, with every kind present whenever the feed has any events. */
    private static Map<Integer, Malformation> chooseMalformed(int events, double rate, Draw draw) {
        Map<Integer, Malformation> chosen = new java.util.HashMap<>();
        if (events == 0) {
            return chosen;
        }
        Malformation[] kinds = Malformation.values();
        int count = Math.max(kinds.length, (int) Math.round(events * rate));
        List<Malformation> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(kinds[i % kinds.length]);
        }
        for (int i = order.size() - 1; i > 0; i--) {
            Collections.swap(order, i, draw.between(0, i));
        }
        for (Malformation kind : order) {
            int at = draw.between(0, events - 1);
            while (chosen.containsKey(at) && chosen.size() < events) {
                at = (at + 1) % events;
            }
            chosen.putIfAbsent(at, kind);
        }
        return chosen;
    }

    /** Copies of a share of the valid lines, each inserted up to {@value #REDELIVERY_LAG} lines after its original. */
    private static List<FeedLine> redeliver(List<FeedLine> lines, double rate, Draw draw) {
        int count = (int) Math.round(lines.size() * rate);
        List<List<FeedLine>> after = new ArrayList<>(Collections.nCopies(lines.size(), null));
        Set<Integer> picked = new HashSet<>();
        for (int attempt = 0; picked.size() < count && attempt < count * 4; attempt++) {
            int original = draw.between(0, lines.size() - 1);
            if (lines.get(original).kind() != FeedLine.Kind.VALID || !picked.add(original)) {
                continue;
            }
            int target = Math.min(lines.size() - 1, original + draw.between(1, REDELIVERY_LAG));
            if (after.get(target) == null) {
                after.set(target, new ArrayList<>(1));
            }
            after.get(target).add(lines.get(original).asRedelivery());
        }
        List<FeedLine> out = new ArrayList<>(lines.size() + picked.size());
        for (int i = 0; i < lines.size(); i++) {
            out.add(lines.get(i));
            if (after.get(i) != null) {
                out.addAll(after.get(i));
            }
        }
        return out;
    }
}
