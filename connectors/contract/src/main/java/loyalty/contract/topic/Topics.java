package loyalty.contract.topic;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import loyalty.contract.event.EventType;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one registry of every topic the platform reads or writes. Input events are routed by type; values are the
 * JSON of their contract (bytes on the wire, so the dead-letter topic can keep a record exactly as it came).
 */
public final class Topics {
    private static final Serde<String> KEY = Serdes.String();
    private static final Serde<byte[]> JSON = Serdes.ByteArray();
    /** Two partitions: enough to exercise keyed parallelism on a 2-core machine; raise in production. */
    private static final int PARTITIONS = 2;

    public static final TopicSpec<String, byte[]> MEMBERS = input("loyalty.input.members");
    public static final TopicSpec<String, byte[]> ORDERS = input("loyalty.input.orders");
    public static final TopicSpec<String, byte[]> ENGAGEMENT = input("loyalty.input.engagement");
    public static final TopicSpec<String, byte[]> REDEMPTIONS = input("loyalty.input.redemptions");
    public static final TopicSpec<String, byte[]> ADJUSTMENTS = input("loyalty.input.adjustments");
    /** One partition: rule publications must stay in publication order (SPEC §13.18 ties go to the later one). */
    public static final TopicSpec<String, byte[]> RULES = new TopicSpec<>("loyalty.input.rules", "program",
            KEY, "Event JSON (rules.published)", JSON, 1, CleanupPolicy.DELETE);
    public static final TopicSpec<String, byte[]> SCORES = input("loyalty.input.scores");

    /** Rejected input: the value is the original bytes; reason, detail and source position are headers. */
    public static final TopicSpec<String, byte[]> DEAD_LETTER = new TopicSpec<>("loyalty.deadletter",
            "source:position", KEY, "original bytes + dlq.* headers", JSON, 1, CleanupPolicy.DELETE);

    public static final TopicSpec<String, byte[]> RESOLVED = new TopicSpec<>("loyalty.identity.resolved",
            "program", KEY, "Resolved JSON: an event with its member_id, or a merge", JSON, PARTITIONS,
            CleanupPolicy.DELETE);
    public static final TopicSpec<String, byte[]> IDENTITY_CHANGES = new TopicSpec<>("loyalty.identity.changes",
            "member_id", KEY, "identity.merged / identity.conflict JSON", JSON, PARTITIONS, CleanupPolicy.DELETE);
    public static final TopicSpec<String, byte[]> LEDGER = new TopicSpec<>("loyalty.ledger.entries",
            "member_id", KEY, "ledger entry JSON", JSON, PARTITIONS, CleanupPolicy.DELETE);
    public static final TopicSpec<String, byte[]> BALANCES = new TopicSpec<>("loyalty.balances",
            "member_id", KEY, "balance JSON (latest per member)", JSON, PARTITIONS, CleanupPolicy.COMPACT);
    public static final TopicSpec<String, byte[]> REDEMPTION_OUTCOMES = new TopicSpec<>(
            "loyalty.redemption.outcomes", "redemption_id", KEY, "redemption outcome JSON", JSON, PARTITIONS,
            CleanupPolicy.DELETE);
    public static final TopicSpec<String, byte[]> RULES_REJECTED = new TopicSpec<>("loyalty.rules.rejected",
            "program", KEY, "rejected rule set with its errors", JSON, 1, CleanupPolicy.DELETE);
    public static final TopicSpec<String, byte[]> NUDGES = new TopicSpec<>("loyalty.nudges", "member_id", KEY,
            "delivered nudge JSON (schemas/nudge.schema.json)", JSON, PARTITIONS, CleanupPolicy.DELETE);

    private static final Map<EventType, TopicSpec<String, byte[]>> BY_TYPE = Map.of(
            EventType.MEMBER_ENROLLED, MEMBERS,
            EventType.PROFILE_UPDATED, MEMBERS,
            EventType.ORDER_COMPLETED, ORDERS,
            EventType.ORDER_RETURNED, ORDERS,
            EventType.ENGAGEMENT_RECORDED, ENGAGEMENT,
            EventType.REDEMPTION_REQUESTED, REDEMPTIONS,
            EventType.REDEMPTION_CANCELLED, REDEMPTIONS,
            EventType.POINTS_ADJUSTED, ADJUSTMENTS,
            EventType.RULES_PUBLISHED, RULES,
            EventType.ML_SCORED, SCORES);

    private Topics() {
    }

    /** The input topic that carries events of this type. */
    public static TopicSpec<String, byte[]> forType(EventType type) {
        return BY_TYPE.get(type);
    }

    /** Every input topic, in a stable order: what the raw-events job subscribes to. */
    public static List<TopicSpec<String, byte[]>> inputs() {
        return List.of(MEMBERS, ORDERS, ENGAGEMENT, REDEMPTIONS, ADJUSTMENTS, RULES, SCORES);
    }

    /** Every topic, for creation at stack start. */
    public static List<TopicSpec<String, byte[]>> all() {
        return List.of(MEMBERS, ORDERS, ENGAGEMENT, REDEMPTIONS, ADJUSTMENTS, RULES, SCORES, DEAD_LETTER,
                RESOLVED, IDENTITY_CHANGES, LEDGER, BALANCES, REDEMPTION_OUTCOMES, RULES_REJECTED, NUDGES);
    }

    public static Map<String, TopicSpec<String, byte[]>> byName() {
        return all().stream().collect(Collectors.toMap(TopicSpec::name, Function.identity()));
    }

    private static TopicSpec<String, byte[]> input(String name) {
        return new TopicSpec<>(name, "event_id", KEY, "Event JSON (envelope.schema.json)", JSON, PARTITIONS,
                CleanupPolicy.DELETE);
    }
}
