package loyalty.lakehouse.kpi;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import loyalty.stack.trino.TrinoSql;

/**
 * A small, fixed loyalty history written into the lakehouse tables through Trino, for the KPI views to measure.
 * Program {@code acme} holds the cases; program {@code beta} (one member, one order) shows every view is per
 * program. The expected figures are worked out by hand in {@link KpiViewsIntegrationTest}, next to each check.
 *
 * <p>acme's newest raw event is {@link #AS_OF} (a profile update), so every "last 90 days" ends there.
 * Members (all enrolled and ACTIVE unless said): alice (Jan), carol (Jan), dave (Jan), bob (Feb), gina (Jun),
 * erin (Feb, MERGED into alice on 03-01), frank (a PROSPECT, never enrolled).
 */
final class KpiFixture {
    static final String ACME = "acme";
    static final String BETA = "beta";

    static final Instant AS_OF = Instant.parse("2026-06-30T12:00:00Z");
    static final Instant NINETY_DAYS_BEFORE = Instant.parse("2026-04-01T12:00:00Z");
    static final Instant BETA_AS_OF = Instant.parse("2026-03-05T10:00:00Z");

    private KpiFixture() {
    }

    record Raw(String eventId, String type, String program, String occurredAt, String payload) {
    }

    record Entry(String entryId, String program, String memberId, String type, long points, String occurredAt,
                 String sourceEventId) {
    }

    record Member(String program, String memberId, String status, String mergedInto, String enrolledAt) {
    }

    record BalanceRow(String program, String memberId, long available, long pending, long debt, String tier) {
    }

    record TierRow(String program, String memberId, String fromTier, String toTier, String achievedAt, String cause) {
    }

    record Outcome(String redemptionId, String program, String memberId, String status, long points,
                   String decidedAt, String repeatOf) {
    }

    record Nudge(String nudgeId, String program, String memberId, String type, String status, String reason,
                 String triggeredAt) {
    }

    static String order(String orderId, String amount, String channel) {
        return "{\"order_id\":\"" + orderId + "\",\"net_amount\":\"" + amount + "\",\"currency\":\"USD\""
                + (channel == null ? "" : ",\"channel\":\"" + channel + "\"") + "}";
    }

    static String rules(String version, String effectiveFrom, String costPerPoint) {
        return "{\"rule_set\":{\"version\":\"" + version + "\""
                + (costPerPoint == null ? "" : ",\"cost_per_point\":\"" + costPerPoint + "\"")
                + "},\"effective_from\":\"" + effectiveFrom + "\"}";
    }

    static final List<Raw> RAW = List.of(
            // member orders (each has an EARN entry below)
            new Raw("o1", "order.completed", ACME, "2026-01-15T10:00:00Z", order("O1", "100.00", "store")),
            new Raw("o2", "order.completed", ACME, "2026-06-01T10:00:00Z", order("O2", "250.00", "web")),
            new Raw("o3", "order.completed", ACME, "2026-02-10T10:00:00Z", order("O3", "50.00", "store")),
            // carol's order exactly 90 days before as_of: outside the half-open window
            new Raw("o4", "order.completed", ACME, "2026-04-01T12:00:00Z", order("O4", "300.00", "web")),
            // dave's order one second later: inside
            new Raw("o5", "order.completed", ACME, "2026-04-01T12:00:01Z", order("O5", "75.50", "app")),
            // erin's order before she was merged into alice
            new Raw("o6", "order.completed", ACME, "2026-02-15T10:00:00Z", order("O6", "80.00", "store")),
            // non-member orders: a prospect's, two unknown customers', one without channel
            new Raw("o7", "order.completed", ACME, "2026-06-05T10:00:00Z", order("O7", "60.00", "web")),
            new Raw("o8", "order.completed", ACME, "2026-06-07T10:00:00Z", order("O8", "40.00", "web")),
            new Raw("o9", "order.completed", ACME, "2026-02-20T10:00:00Z", order("O9", "35.25", "store")),
            new Raw("o10", "order.completed", ACME, "2026-04-15T10:00:00Z", order("O10", "20.00", null)),
            new Raw("ret1", "order.returned", ACME, "2026-04-10T10:00:00Z",
                    "{\"return_id\":\"R1\",\"refund_amount\":\"300.00\",\"order_id\":\"O4\"}"),
            new Raw("eng1", "engagement.recorded", ACME, "2026-06-10T10:00:00Z", "{\"kind\":\"review\"}"),
            new Raw("enr-gina", "member.enrolled", ACME, "2026-06-20T09:00:00Z", "{}"),
            new Raw("rules1", "rules.published", ACME, "2026-01-01T00:00:00Z",
                    rules("v1", "2026-01-01T00:00:00Z", "0.02")),
            new Raw("rules2", "rules.published", ACME, "2026-04-20T00:00:00Z",
                    rules("v2", "2026-05-01T00:00:00Z", "0.015")),
            // published before as_of but effective after it: not the rule set in force
            new Raw("rules3", "rules.published", ACME, "2026-06-25T00:00:00Z",
                    rules("v3", "2026-12-01T00:00:00Z", "0.05")),
            new Raw("prof-last", "profile.updated", ACME, "2026-06-30T12:00:00Z", "{}"),
            new Raw("z1", "order.completed", BETA, "2026-03-05T10:00:00Z", order("Z1", "40.00", "store")));

    static final List<Entry> LEDGER = List.of(
            new Entry("e-a1", ACME, "M-alice", "BONUS", 100, "2026-01-10T09:00:00Z", "enr-alice"),
            new Entry("e-a2", ACME, "M-alice", "EARN", 120, "2026-01-15T10:00:00Z", "o1"),
            new Entry("e-a3", ACME, "M-alice", "EARN", 200, "2026-06-01T10:00:00Z", "o2"),
            new Entry("e-a4", ACME, "M-alice", "REDEEM", -150, "2026-06-10T11:00:00Z", "red1"),
            new Entry("e-a5", ACME, "M-alice", "TRANSFER_IN", 180, "2026-03-01T10:00:00Z", "merge1"),
            new Entry("e-a6", ACME, "M-alice", "CLAWBACK", -100, "2026-03-01T10:00:00Z", "merge1"),
            new Entry("e-e1", ACME, "M-erin", "BONUS", 100, "2026-02-01T09:00:00Z", "enr-erin"),
            new Entry("e-e2", ACME, "M-erin", "EARN", 80, "2026-02-15T10:00:00Z", "o6"),
            new Entry("e-e3", ACME, "M-erin", "TRANSFER_OUT", -180, "2026-03-01T10:00:00Z", "merge1"),
            new Entry("e-b1", ACME, "M-bob", "BONUS", 100, "2026-02-05T09:00:00Z", "enr-bob"),
            new Entry("e-b2", ACME, "M-bob", "EARN", 50, "2026-02-10T10:00:00Z", "o3"),
            new Entry("e-b3", ACME, "M-bob", "BONUS", 50, "2026-06-10T10:00:00Z", "eng1"),
            new Entry("e-b4", ACME, "M-bob", "REDEEM", -100, "2026-06-12T10:00:00Z", "red2"),
            new Entry("e-b5", ACME, "M-bob", "REDEEM_REVERSAL", 100, "2026-06-13T10:00:00Z", "cancel2"),
            new Entry("e-b6", ACME, "M-bob", "ADJUST", 20, "2026-03-10T10:00:00Z", "adj1"),
            new Entry("e-c1", ACME, "M-carol", "BONUS", 100, "2026-01-20T09:00:00Z", "enr-carol"),
            new Entry("e-c2", ACME, "M-carol", "EARN", 300, "2026-04-01T12:00:00Z", "o4"),
            new Entry("e-c3", ACME, "M-carol", "CLAWBACK", -300, "2026-04-10T10:00:00Z", "ret1"),
            new Entry("e-d1", ACME, "M-dave", "BONUS", 100, "2026-01-25T09:00:00Z", "enr-dave"),
            new Entry("e-d2", ACME, "M-dave", "EARN", 75, "2026-04-01T12:00:01Z", "o5"),
            new Entry("e-d3", ACME, "M-dave", "EXPIRE", -40, "2026-06-15T00:00:00Z", "o5"),
            new Entry("e-g1", ACME, "M-gina", "BONUS", 100, "2026-06-20T09:00:00Z", "enr-gina"),
            new Entry("e-z1", BETA, "M-zed", "BONUS", 100, "2026-03-01T09:00:00Z", "enr-zed"),
            new Entry("e-z2", BETA, "M-zed", "EARN", 40, "2026-03-05T10:00:00Z", "z1"));

    static final List<Member> MEMBERS = List.of(
            new Member(ACME, "M-alice", "ACTIVE", null, "2026-01-10T09:00:00Z"),
            new Member(ACME, "M-carol", "ACTIVE", null, "2026-01-20T09:00:00Z"),
            new Member(ACME, "M-dave", "ACTIVE", null, "2026-01-25T09:00:00Z"),
            new Member(ACME, "M-bob", "ACTIVE", null, "2026-02-05T09:00:00Z"),
            new Member(ACME, "M-gina", "ACTIVE", null, "2026-06-20T09:00:00Z"),
            new Member(ACME, "M-erin", "MERGED", "M-alice", "2026-02-01T09:00:00Z"),
            new Member(ACME, "M-frank", "PROSPECT", null, null),
            new Member(BETA, "M-zed", "ACTIVE", null, "2026-03-01T09:00:00Z"));

    static final List<BalanceRow> BALANCES = List.of(
            new BalanceRow(ACME, "M-alice", 250, 0, 0, "SILVER"),
            new BalanceRow(ACME, "M-bob", 220, 0, 0, "MEMBER"),
            new BalanceRow(ACME, "M-carol", 100, 0, 0, "MEMBER"),
            new BalanceRow(ACME, "M-dave", -30, 75, 30, "MEMBER"),
            new BalanceRow(ACME, "M-gina", 100, 0, 0, "MEMBER"),
            new BalanceRow(ACME, "M-erin", 0, 0, 0, "MEMBER"),
            new BalanceRow(ACME, "M-frank", 0, 0, 0, null),
            new BalanceRow(BETA, "M-zed", 500, 0, 0, "MEMBER"));

    static final List<TierRow> TIERS = List.of(
            new TierRow(ACME, "M-alice", null, "MEMBER", "2026-01-10T09:00:00Z", "enrollment"),
            new TierRow(ACME, "M-carol", null, "MEMBER", "2026-01-20T09:00:00Z", "enrollment"),
            new TierRow(ACME, "M-dave", null, "MEMBER", "2026-01-25T09:00:00Z", "enrollment"),
            new TierRow(ACME, "M-carol", "MEMBER", "SILVER", "2026-04-01T12:00:00Z", "upgrade"),
            new TierRow(ACME, "M-carol", "SILVER", "MEMBER", "2026-04-10T10:00:00Z", "return"),
            new TierRow(ACME, "M-alice", "MEMBER", "SILVER", "2026-06-01T10:00:00Z", "upgrade"));

    static final List<Outcome> OUTCOMES = List.of(
            new Outcome("r1", ACME, "M-alice", "APPROVED", 150, "2026-06-10T11:00:00Z", null),
            new Outcome("r2", ACME, "M-bob", "APPROVED", 100, "2026-06-10T12:00:00Z", null),
            new Outcome("r3", ACME, "M-dave", "APPROVED", 30, "2026-06-12T09:00:00Z", null),
            new Outcome("r3", ACME, "M-dave", "APPROVED", 30, "2026-06-12T09:05:00Z", "r3"),
            new Outcome("r4", ACME, "M-carol", "REJECTED", 900, "2026-06-12T10:00:00Z", null),
            new Outcome("r5", ACME, "M-gina", "APPROVED", 50, "2026-06-20T10:00:00Z", null),
            new Outcome("r6", ACME, "M-alice", "APPROVED", 20, "2026-06-29T10:00:00Z", null));

    static final List<Nudge> NUDGES = List.of(
            // treated NEAR_TIER: alice buys 7 days later (O2)
            new Nudge("n1", ACME, "M-alice", "NEAR_TIER", "DELIVERED", null, "2026-05-25T10:00:00Z"),
            // dave buys 12 days later (O5)
            new Nudge("n2", ACME, "M-dave", "NEAR_TIER", "DELIVERED", null, "2026-03-20T12:00:00Z"),
            // bob never buys after it
            new Nudge("n3", ACME, "M-bob", "NEAR_TIER", "DELIVERED", null, "2026-06-01T10:00:00Z"),
            // carol's O4 comes exactly 14 days later: inside (triggered_at, triggered_at + 14 d]
            new Nudge("n4", ACME, "M-carol", "NEAR_TIER", "DELIVERED", null, "2026-03-18T12:00:00Z"),
            // triggered at the very instant of dave's O5: an order at triggered_at is not after it
            new Nudge("n5", ACME, "M-dave", "NEAR_TIER", "DELIVERED", null, "2026-04-01T12:00:01Z"),
            // control: gina never buys; erin (merged into alice) converts through alice's O2
            new Nudge("c1", ACME, "M-gina", "NEAR_TIER", "SUPPRESSED", "holdout", "2026-06-21T10:00:00Z"),
            new Nudge("c2", ACME, "M-erin", "NEAR_TIER", "SUPPRESSED", "holdout", "2026-05-20T10:00:00Z"),
            // neither arm
            new Nudge("s1", ACME, "M-bob", "NEAR_TIER", "SUPPRESSED", "frequency_cap", "2026-01-30T10:00:00Z"),
            new Nudge("s2", ACME, "M-alice", "NEAR_TIER", "SUPPRESSED", "no_consent", "2026-01-05T10:00:00Z"),
            // WELCOME: one treated, no control
            new Nudge("w1", ACME, "M-gina", "WELCOME", "DELIVERED", null, "2026-06-20T09:00:00Z"));

    static void write(TrinoSql sql) throws SQLException {
        insert(sql, "iceberg.raw.events (event_id, type, program, occurred_at, payload, ingested_at)",
                RAW.stream().map(r -> row(text(r.eventId()), text(r.type()), text(r.program()), at(r.occurredAt()),
                        text(r.payload()), at(r.occurredAt()))).toList());
        insert(sql, "iceberg.ledger.points_ledger (entry_id, program, member_id, type, points, occurred_at,"
                        + " source_event_id)",
                LEDGER.stream().map(e -> row(text(e.entryId()), text(e.program()), text(e.memberId()),
                        text(e.type()), Long.toString(e.points()), at(e.occurredAt()), text(e.sourceEventId())))
                        .toList());
        insert(sql, "iceberg.identity.members (program, member_id, status, merged_into, created_at,"
                        + " created_by_event, enrolled_at, updated_at, updated_by_event)",
                MEMBERS.stream().map(m -> row(text(m.program()), text(m.memberId()), text(m.status()),
                        text(m.mergedInto()), at("2026-01-01T00:00:00Z"), text("created"), at(m.enrolledAt()),
                        at("2026-06-30T00:00:00Z"), text("updated"))).toList());
        insert(sql, "iceberg.ledger.balances (program, member_id, available, pending, debt, lifetime_earned,"
                        + " redeemed, expired, tier, as_of)",
                BALANCES.stream().map(b -> row(text(b.program()), text(b.memberId()), Long.toString(b.available()),
                        Long.toString(b.pending()), Long.toString(b.debt()), "0", "0", "0", text(b.tier()),
                        at("2026-06-30T12:00:00Z"))).toList());
        insert(sql, "iceberg.ledger.tier_history (program, member_id, from_tier, to_tier, achieved_at, cause,"
                        + " source_event_id)",
                TIERS.stream().map(t -> row(text(t.program()), text(t.memberId()), text(t.fromTier()),
                        text(t.toTier()), at(t.achievedAt()), text(t.cause()), text("src"))).toList());
        insert(sql, "iceberg.ledger.redemption_outcomes (redemption_id, program, member_id, status, points,"
                        + " event_id, decided_at, repeat_of)",
                OUTCOMES.stream().map(o -> row(text(o.redemptionId()), text(o.program()), text(o.memberId()),
                        text(o.status()), Long.toString(o.points()), text("ev-" + o.redemptionId()),
                        at(o.decidedAt()), text(o.repeatOf()))).toList());
    }

    /**
     * The nudges. The table is created here (with the columns SPEC §10 and the nudge job give it) only when no table
     * definition made it.
     */
    static void writeNudges(TrinoSql sql) throws SQLException {
        sql.query("""
                CREATE TABLE IF NOT EXISTS iceberg.ledger.nudges (
                    nudge_id varchar, program varchar, member_id varchar, type varchar, status varchar,
                    reason varchar, channel varchar, triggered_at timestamp(6) with time zone,
                    source_event_id varchar, rule_version varchar, holdout boolean, context varchar)""");
        insert(sql, "iceberg.ledger.nudges (nudge_id, program, member_id, type, status, reason, triggered_at,"
                        + " source_event_id, rule_version, holdout)",
                NUDGES.stream().map(n -> row(text(n.nudgeId()), text(n.program()), text(n.memberId()),
                        text(n.type()), text(n.status()), text(n.reason()), at(n.triggeredAt()), text("src"),
                        text("v1"), "holdout".equals(n.reason()) ? "true" : "false")).toList());
    }

    private static void insert(TrinoSql sql, String target, List<String> rows) throws SQLException {
        sql.query("INSERT INTO " + target + " VALUES\n" + String.join(",\n", rows));
    }

    private static String row(String... values) {
        List<String> all = new ArrayList<>(List.of(values));
        return all.stream().collect(Collectors.joining(", ", "(", ")"));
    }

    private static String text(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    private static String at(String iso) {
        return iso == null ? "NULL" : "TIMESTAMP '" + iso.replace('T', ' ').replace("Z", " UTC") + "'";
    }
}
