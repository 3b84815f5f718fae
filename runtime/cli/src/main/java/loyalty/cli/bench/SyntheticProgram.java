package loyalty.cli.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;
import loyalty.lakehouse.table.Balances;
import loyalty.lakehouse.table.IdentityLinks;
import loyalty.lakehouse.table.Members;
import loyalty.lakehouse.table.Nudges;
import loyalty.lakehouse.table.PointsLedger;
import loyalty.lakehouse.table.RawEvents;
import loyalty.lakehouse.table.RedemptionOutcomes;
import loyalty.lakehouse.table.TableDefinition;
import loyalty.lakehouse.table.TierHistory;
import org.apache.iceberg.data.GenericRecord;

/**
 * A synthetic, internally consistent program written straight into the Iceberg tables, for measuring SQL over
 * volumes the pipeline cannot produce on one machine in reasonable time. Deterministic from the seed.
 *
 * <p>Time runs forward over {@code days} (a year by default); every activity happens at a time proportional to
 * the ledger entries written so far, so exactly {@code entries} entries (give or take the last activity's) span
 * the history. Members enrol over its first 70 %; an activity picks an enrolled member at random: an order (EARN, 20 % with a campaign BONUS, 4 %
 * later returned: CLAWBACK), an engagement (BONUS on an engagement.recorded event), or a redemption request (REDEEM
 * and an APPROVED outcome when the points are there, DECLINED otherwise). A member idle for 180 days loses the
 * balance at their next order (EXPIRE). 15 % of orders are non-members' (a raw event only). Each member's balances
 * row is the sum of their entries: pending = lots still in the 30-day return window at as_of, available = the rest.
 * As_of is pinned: the last raw event is an order in the last second of the history.
 *
 * <p>Rows are committed every {@code 1/commits} of the history, like a streaming job's checkpoints.
 */
final class SyntheticProgram {
    static final String PROGRAM = "bench";
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    static final long RETURN_WINDOW = 30L * 86_400;
    static final long IDLE_EXPIRY = 180L * 86_400;
    static final long LOT_LIFETIME = 365L * 86_400;
    static final String RULE_VERSION = "bench-1";
    private static final String[] TIERS = {"MEMBER", "SILVER", "GOLD", "PLATINUM"};
    private static final long[] TIER_THRESHOLDS = {0, 2_000, 6_000, 15_000};
    private static final String[] CHANNELS = {"pos", "web", "app"};

    private final long targetEntries;
    /** The history's length in seconds; as_of is its last second. */
    private final long span;
    private final int commits;
    private final Random random;
    private final IcebergBatches out;
    private final Totals totals = new Totals();

    private final int memberCount;
    private int enrolled;
    private final String[] memberIds;
    private final long[] total;
    private final long[] pendingAtAsOf;
    private final long[] lifetime;
    private final long[] redeemed;
    private final long[] expired;
    private final long[] lastActive;
    private final byte[] tier;
    private final long[] tierAchieved;
    /** Points earned per 30-day bucket, this one and the one before: an upper bound of what is still pending. */
    private final int[] earnBucket;
    private final long[] earnThisBucket;
    private final long[] earnLastBucket;
    private long entrySeq;
    private long eventSeq;

    /** What was written, for the report and for checking the KPIs against. */
    static final class Totals {
        long entries;
        long earn;
        long bonus;
        long clawback;
        long redeem;
        long expire;
        long rawEvents;
        long orders;
        long memberOrders;
        long redemptions;
        long nudges;
        long members;
        long outstanding;

        /** Net points granted, as kpi.redemption_rate defines issued: EARN + BONUS + CLAWBACK here. */
        long pointsIssued() {
            return earn + bonus + clawback;
        }
    }

    SyntheticProgram(long targetEntries, int days, int commits, long seed, IcebergBatches out) {
        this.targetEntries = targetEntries;
        this.span = days * 86_400L;
        this.commits = commits;
        this.random = new Random(seed);
        this.out = out;
        this.memberCount = (int) Math.max(20, targetEntries / 40);
        memberIds = new String[memberCount];
        total = new long[memberCount];
        pendingAtAsOf = new long[memberCount];
        lifetime = new long[memberCount];
        redeemed = new long[memberCount];
        expired = new long[memberCount];
        lastActive = new long[memberCount];
        tier = new byte[memberCount];
        tierAchieved = new long[memberCount];
        earnBucket = new int[memberCount];
        earnThisBucket = new long[memberCount];
        earnLastBucket = new long[memberCount];
    }

    /**
     * Writes the whole program.
     *
     * @param progress told the number of entries written so far, after each commit
     */
    Totals write(LongConsumer progress) throws IOException {
        rulesPublished();
        long sliceSeconds = Math.max(1, span / commits);
        long nextCommit = sliceSeconds;
        while (totals.entries < targetEntries) {
            long t = Math.min(span - 2, span * totals.entries / targetEntries);
            while (t >= nextCommit) {
                out.commit();
                progress.accept(totals.entries);
                nextCommit += sliceSeconds;
            }
            enrolUpTo(t);
            activity(t);
        }
        enrolUpTo(span); // members whose enrolment fell after the last activity (tiny programs)
        order(span - 1, -1); // pins kpi.as_of
        out.commit();
        balances();
        out.commit();
        progress.accept(totals.entries);
        totals.members = memberCount;
        return totals;
    }

    int members() {
        return memberCount;
    }

    // ---- members -------------------------------------------------------------------------------------------

    /** Seconds after START at which member i enrols: a fifth on day one, the rest over 70 % of the year. */
    private long enrolmentOf(int i) {
        int base = Math.max(1, memberCount / 5);
        if (i < base) {
            return (long) i * 86_400 / base;
        }
        return 86_400 + (long) ((double) (i - base) / (memberCount - base) * (span * 0.7));
    }

    private void enrolUpTo(long t) {
        while (enrolled < memberCount && enrolmentOf(enrolled) <= t) {
            enrol(enrolled++);
        }
    }

    private void enrol(int m) {
        long t = enrolmentOf(m);
        String memberId = memberId(m);
        String eventId = rawEvent(t, "member.enrolled", "pos", email(m), card(m),
                "{\"first_name\":\"Bench\",\"last_name\":\"Member" + m + "\"}");
        GenericRecord row = out.row(Members.DEFINITION);
        row.setField("program", PROGRAM);
        row.setField("member_id", memberId);
        row.setField("status", "ACTIVE");
        row.setField("created_at", at(t));
        row.setField("created_by_event", eventId);
        row.setField("enrolled_at", at(t));
        row.setField("first_name", "Bench");
        row.setField("last_name", "Member" + m);
        row.setField("country", "FR");
        row.setField("consent_email", true);
        row.setField("consent_sms", false);
        row.setField("consent_push", m % 2 == 0);
        row.setField("emails", List.of(email(m)));
        row.setField("phones", List.of());
        row.setField("cards", List.of(card(m)));
        row.setField("devices", List.of());
        row.setField("updated_at", at(t));
        row.setField("updated_by_event", eventId);
        out.add(Members.DEFINITION, row);
        link(m, "email", email(m), t, eventId);
        link(m, "card", card(m), t, eventId);
        tierChange(m, t, (byte) 0, "enrolment", eventId);
        boolean holdout = m % 10 == 0; // SPEC §10's control group
        nudge(m, "WELCOME", t, eventId, holdout);
        lastActive[m] = t;
    }

    private void link(int m, String type, String value, long t, String eventId) {
        GenericRecord row = out.row(IdentityLinks.DEFINITION);
        row.setField("program", PROGRAM);
        row.setField("link_id", type + ":" + value);
        row.setField("identifier_type", type);
        row.setField("identifier_value", value);
        row.setField("member_id", memberId(m));
        row.setField("valid_from", at(t));
        row.setField("linked_by_event", eventId);
        out.add(IdentityLinks.DEFINITION, row);
    }

    // ---- activities ----------------------------------------------------------------------------------------

    private void activity(long t) {
        double kind = random.nextDouble();
        if (kind < 0.15 * 0.70) {
            order(t, -1);
            return;
        }
        int m = random.nextInt(Math.max(1, enrolled));
        if (kind < 0.70) {
            order(t, m);
        } else if (kind < 0.85) {
            engagement(t, m);
        } else {
            redemption(t, m);
        }
    }

    /** @param m the member, or -1 for a non-member's order */
    private void order(long t, int m) {
        BigDecimal net = BigDecimal.valueOf(1_000 + random.nextInt(19_000)).movePointLeft(2);
        String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        String eventId = rawEvent(t, "order.completed", channel, m < 0 ? "guest" + eventSeq + "@shop.example"
                : email(m), m < 0 ? null : card(m), "{\"order_id\":\"O-" + eventSeq + "\",\"net_amount\":"
                + net.toPlainString() + ",\"currency\":\"EUR\",\"channel\":\"" + channel + "\"}");
        totals.orders++;
        if (m < 0) {
            return;
        }
        totals.memberOrders++;
        if (t - lastActive[m] > IDLE_EXPIRY && total[m] > 0) {
            // idle long enough that every lot lapsed; none is pending (the last earn is older than the window)
            long lapsed = total[m];
            entry(m, "EXPIRE", -lapsed, null, t, eventId, null);
            expired[m] += lapsed;
            total[m] = 0;
            totals.expire -= lapsed;
        }
        lastActive[m] = t;
        long points = net.setScale(0, RoundingMode.DOWN).longValueExact();
        String lot = earn(m, "EARN", points, t, eventId, null, RETURN_WINDOW);
        if (random.nextDouble() < 0.20) {
            earn(m, "BONUS", 50, t, eventId, "C-double", RETURN_WINDOW);
        }
        if (random.nextDouble() < 0.04) {
            long returnedAt = Math.min(span - 2, t + 86_400L * (1 + random.nextInt(10)));
            String returned = rawEvent(returnedAt, "order.returned", channel, email(m), card(m),
                    "{\"order_id\":\"O-" + eventId + "\"}");
            entry(m, "CLAWBACK", -points, lot, returnedAt, returned, null);
            total[m] -= points;
            lifetime[m] -= points;
            if (t + RETURN_WINDOW > asOfSeconds()) {
                pendingAtAsOf[m] -= points;
            }
            earnThisOrLast(m, t, -points); // the lot is gone before it ever became spendable
            totals.clawback -= points;
        }
    }

    private void engagement(long t, int m) {
        String eventId = rawEvent(t, "engagement.recorded", "app", email(m), null, "{\"kind\":\"review\"}");
        lastActive[m] = t;
        earn(m, "BONUS", 25, t, eventId, null, 0);
    }

    private void redemption(long t, int m) {
        long requested = 500 + 100L * random.nextInt(16);
        String eventId = rawEvent(t, "redemption.requested", "web", email(m), null,
                "{\"redemption_id\":\"R-" + eventSeq + "\",\"points\":" + requested + "}");
        long spendable = total[m] - recentEarn(m, t);
        boolean approved = spendable >= requested;
        GenericRecord row = out.row(RedemptionOutcomes.DEFINITION);
        row.setField("redemption_id", "R-" + eventId);
        row.setField("program", PROGRAM);
        row.setField("member_id", memberId(m));
        row.setField("status", approved ? "APPROVED" : "DECLINED");
        row.setField("reason", approved ? null : "insufficient_points");
        row.setField("points", requested);
        row.setField("available_before", spendable);
        row.setField("event_id", eventId);
        row.setField("decided_at", at(t));
        out.add(RedemptionOutcomes.DEFINITION, row);
        if (approved) {
            entry(m, "REDEEM", -requested, null, t, eventId, null);
            total[m] -= requested;
            redeemed[m] += requested;
            totals.redeem -= requested;
            totals.redemptions++;
            nudge(m, "REDEMPTION_CONFIRMED", t, eventId, false);
            lastActive[m] = t;
        }
    }

    /** An entry that creates a lot; returns the lot id. */
    private String earn(int m, String type, long points, long t, String eventId, String campaign, long window) {
        String lot = "L-" + (entrySeq + 1);
        GenericRecord row = entry(m, type, points, lot, t, eventId, campaign);
        row.setField("available_at", at(t + window));
        row.setField("expires_at", at(t + LOT_LIFETIME));
        total[m] += points;
        lifetime[m] += points;
        if (t + window > asOfSeconds()) {
            pendingAtAsOf[m] += points;
        }
        if (window > 0) {
            earnThisOrLast(m, t, points);
        }
        if ("EARN".equals(type)) {
            totals.earn += points;
        } else {
            totals.bonus += points;
        }
        promote(m, t, eventId);
        return lot;
    }

    private GenericRecord entry(int m, String type, long points, String lot, long t, String eventId,
                                String campaign) {
        GenericRecord row = out.row(PointsLedger.DEFINITION);
        row.setField("entry_id", "P-" + (++entrySeq));
        row.setField("program", PROGRAM);
        row.setField("member_id", memberId(m));
        row.setField("type", type);
        row.setField("points", points);
        row.setField("lot_id", lot);
        row.setField("occurred_at", at(t));
        row.setField("source_event_id", eventId);
        row.setField("rule_version", RULE_VERSION);
        row.setField("campaign_ids", campaign == null ? List.of() : List.of(campaign));
        out.add(PointsLedger.DEFINITION, row);
        totals.entries++;
        return row;
    }

    // ---- pending bound, tiers, nudges ----------------------------------------------------------------------

    private void earnThisOrLast(int m, long t, long points) {
        int bucket = (int) (t / RETURN_WINDOW);
        roll(m, bucket);
        earnThisBucket[m] += points;
    }

    /** At least what is still inside its return window at t (earned in this 30-day bucket or the one before). */
    private long recentEarn(int m, long t) {
        roll(m, (int) (t / RETURN_WINDOW));
        return earnThisBucket[m] + earnLastBucket[m];
    }

    private void roll(int m, int bucket) {
        if (bucket != earnBucket[m]) {
            earnLastBucket[m] = bucket == earnBucket[m] + 1 ? earnThisBucket[m] : 0;
            earnThisBucket[m] = 0;
            earnBucket[m] = bucket;
        }
    }

    private void promote(int m, long t, String eventId) {
        byte to = tier[m];
        while (to + 1 < TIERS.length && lifetime[m] >= TIER_THRESHOLDS[to + 1]) {
            to++;
        }
        if (to != tier[m]) {
            tierChange(m, t, to, "qualifying_points", eventId);
            nudge(m, "TIER_UPGRADE", t, eventId, m % 10 == 0);
        }
    }

    private void tierChange(int m, long t, byte to, String cause, String eventId) {
        GenericRecord row = out.row(TierHistory.DEFINITION);
        row.setField("program", PROGRAM);
        row.setField("member_id", memberId(m));
        row.setField("from_tier", "enrolment".equals(cause) ? null : TIERS[tier[m]]);
        row.setField("to_tier", TIERS[to]);
        row.setField("achieved_at", at(t));
        row.setField("cause", cause);
        row.setField("source_event_id", eventId);
        out.add(TierHistory.DEFINITION, row);
        tier[m] = to;
        tierAchieved[m] = t;
    }

    private void nudge(int m, String type, long t, String eventId, boolean holdout) {
        GenericRecord row = out.row(Nudges.DEFINITION);
        row.setField("nudge_id", type + ":" + memberId(m) + ":" + eventId);
        row.setField("program", PROGRAM);
        row.setField("member_id", memberId(m));
        row.setField("type", type);
        row.setField("status", holdout ? "SUPPRESSED" : "DELIVERED");
        row.setField("reason", holdout ? "holdout" : null);
        row.setField("channel", holdout ? null : "email");
        row.setField("triggered_at", at(t));
        row.setField("source_event_id", eventId);
        row.setField("rule_version", RULE_VERSION);
        row.setField("holdout", holdout);
        row.setField("context", "{\"tier\":\"" + TIERS[tier[m]] + "\"}");
        out.add(Nudges.DEFINITION, row);
        totals.nudges++;
    }

    // ---- raw events, balances ------------------------------------------------------------------------------

    private void rulesPublished() {
        rawEvent(0, "rules.published", "admin", null, null, "{\"effective_from\":\"" + START
                + "\",\"rule_set\":{\"version\":\"" + RULE_VERSION + "\",\"cost_per_point\":0.008}}");
    }

    private String rawEvent(long t, String type, String source, String email, String card, String payload) {
        String eventId = "E-" + (++eventSeq);
        GenericRecord row = out.row(RawEvents.DEFINITION);
        row.setField("event_id", eventId);
        row.setField("type", type);
        row.setField("program", PROGRAM);
        row.setField("occurred_at", at(t));
        row.setField("source", source);
        if (email != null || card != null) {
            GenericRecord ids = GenericRecord.create(RawEvents.SCHEMA.findField("identifiers").type().asStructType());
            ids.setField("email", email);
            ids.setField("card", card);
            row.setField("identifiers", ids);
        }
        row.setField("payload", payload);
        row.setField("ingested_at", at(t + 1));
        out.add(RawEvents.DEFINITION, row);
        totals.rawEvents++;
        return eventId;
    }

    private void balances() {
        for (int m = 0; m < memberCount; m++) {
            GenericRecord row = out.row(Balances.DEFINITION);
            row.setField("program", PROGRAM);
            row.setField("member_id", memberId(m));
            row.setField("available", total[m] - pendingAtAsOf[m]);
            row.setField("pending", pendingAtAsOf[m]);
            row.setField("debt", 0L);
            row.setField("lifetime_earned", lifetime[m]);
            row.setField("redeemed", redeemed[m]);
            row.setField("expired", expired[m]);
            row.setField("tier", TIERS[tier[m]]);
            row.setField("tier_achieved_at", at(tierAchieved[m]));
            row.setField("as_of", at(asOfSeconds()));
            out.add(Balances.DEFINITION, row);
            totals.outstanding += total[m];
        }
    }

    private long asOfSeconds() {
        return span - 1;
    }

    private String memberId(int m) {
        if (memberIds[m] == null) {
            memberIds[m] = memberIdOf(m);
        }
        return memberIds[m];
    }

    static String memberIdOf(int m) {
        return String.format("M-bench-%07d", m);
    }

    static String email(int m) {
        return "member" + m + "@bench.example";
    }

    static String card(int m) {
        return String.format("C%08d", m);
    }

    private static OffsetDateTime at(long secondsAfterStart) {
        return START.plusSeconds(secondsAfterStart).atOffset(ZoneOffset.UTC);
    }

    static List<TableDefinition> tables() {
        return List.of(RawEvents.DEFINITION, Members.DEFINITION, IdentityLinks.DEFINITION, PointsLedger.DEFINITION,
                Balances.DEFINITION, TierHistory.DEFINITION, RedemptionOutcomes.DEFINITION, Nudges.DEFINITION);
    }
}
