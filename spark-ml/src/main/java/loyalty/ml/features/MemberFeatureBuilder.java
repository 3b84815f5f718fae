package loyalty.ml.features;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import loyalty.lakehouse.table.MemberFeatures;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Member features as of a cutoff, and the labels the days after it give. Features read only what had happened by
 * the cutoff: entries, events, redemptions, tiers and nudges with their time ≤ cutoff, and merges with merged_at ≤
 * cutoff (a loser's history counts for the survivor it had joined by then). The members are those enrolled by the
 * cutoff and not merged away by then. {@code ledger.balances} is never read: it is today's balance and would leak.
 *
 * <p>What counts as what: an order is an EARN entry whose source event is an {@code order.completed} (net amount
 * and channel from its payload in raw.events); a return is a CLAWBACK from an {@code order.returned}; an engagement is
 * a BONUS from an {@code engagement.recorded}; a redemption is an APPROVED, first (not repeated) outcome.
 *
 * <p>Labels: churned_90d = no order in (cutoff, cutoff + 90 d]; ordered_30d = an order in (cutoff, cutoff + 30 d];
 * both null while raw.events does not reach the end of their window. Orders after the cutoff count for the member
 * whatever merges happened later (the person bought), so labels follow every merge.
 */
public final class MemberFeatureBuilder {
    public static final Duration CHURN_WINDOW = Duration.ofDays(90);
    public static final Duration PROPENSITY_WINDOW = Duration.ofDays(30);
    static final Duration RECENT = Duration.ofDays(90);
    static final Duration EXPIRING = Duration.ofDays(30);
    private static final Logger LOG = LoggerFactory.getLogger(MemberFeatureBuilder.class);

    private MemberFeatureBuilder() {
    }

    /**
     * The features of every member at {@code cutoff}, in the column order of {@link MemberFeatures#SCHEMA}.
     *
     * @param computedAt the time written to computed_at (a parameter, so a rerun can reproduce a row exactly)
     */
    public static Dataset<Row> compute(SparkSession spark, FeatureSources sources, Instant cutoff,
                                       Instant computedAt) {
        long start = System.nanoTime();
        registerKeys(spark, cutoff);
        String c = ts(cutoff);
        String recent = ts(cutoff.minus(RECENT));
        String previous = ts(cutoff.minus(RECENT).minus(RECENT));

        // entries as of the cutoff, each on the member that held it then; the source event's type beside it.
        // Amounts are summed as decimals: a sum of doubles depends on the order rows arrive in, which varies.
        sql(spark, "f_ledger", """
                SELECT coalesce(k.feature_key, l.member_id) AS key, l.*, e.type AS event_type, e.payload
                FROM src_ledger l
                LEFT JOIN member_keys k ON k.member_id = l.member_id
                LEFT JOIN (SELECT event_id, first(type) AS type, first(payload) AS payload FROM src_events
                           GROUP BY event_id) e ON e.event_id = l.source_event_id
                WHERE l.occurred_at <= %s""".formatted(c));
        sql(spark, "f_orders", """
                SELECT key, source_event_id, min(occurred_at) AS at,
                       first(CAST(get_json_object(payload, '$.net_amount') AS DECIMAL(18, 4))) AS amount,
                       first(lower(get_json_object(payload, '$.channel'))) AS channel
                FROM f_ledger WHERE type = 'EARN' AND event_type = 'order.completed'
                GROUP BY key, source_event_id""");
        sql(spark, "f_order_stats", """
                SELECT key, count(*) AS orders_total, max(at) AS last_order,
                       count_if(at > %1$s) AS orders_90d,
                       count_if(at > %2$s AND at <= %1$s) AS orders_prev_90d,
                       CAST(coalesce(sum(amount), 0) AS DOUBLE) AS spend_total,
                       CAST(coalesce(sum(CASE WHEN at > %1$s THEN amount END), 0) AS DOUBLE) AS spend_90d,
                       CAST(coalesce(sum(CASE WHEN at > %2$s AND at <= %1$s THEN amount END), 0) AS DOUBLE)
                           AS spend_prev_90d,
                       count_if(channel = 'store') AS store, count_if(channel = 'web') AS web,
                       count_if(channel = 'app') AS app
                FROM f_orders GROUP BY key""".formatted(recent, previous));
        sql(spark, "f_points", """
                SELECT key, sum(points) AS balance,
                       sum(CASE WHEN type IN ('EARN', 'BONUS') AND points > 0 THEN points ELSE 0 END) AS earned,
                       -sum(CASE WHEN type IN ('REDEEM', 'REDEEM_REVERSAL') THEN points ELSE 0 END) AS redeemed,
                       count(DISTINCT CASE WHEN type = 'CLAWBACK' AND event_type = 'order.returned'
                                      THEN source_event_id END) AS returns,
                       count(DISTINCT CASE WHEN type = 'BONUS' AND event_type = 'engagement.recorded'
                                      THEN source_event_id END) AS engagements_total,
                       count(DISTINCT CASE WHEN type = 'BONUS' AND event_type = 'engagement.recorded'
                                      AND occurred_at > %s THEN source_event_id END) AS engagements_90d
                FROM f_ledger GROUP BY key""".formatted(recent));
        // what is left at the cutoff of each lot that expires within 30 days after it
        sql(spark, "f_expiring", """
                SELECT key, sum(greatest(remaining, 0)) AS expiring FROM (
                    SELECT key, lot_id, sum(points) AS remaining, max(expires_at) AS expires_at
                    FROM f_ledger WHERE lot_id IS NOT NULL GROUP BY key, lot_id)
                WHERE expires_at > %s AND expires_at <= %s GROUP BY key""".formatted(c, ts(cutoff.plus(EXPIRING))));
        sql(spark, "f_redemptions", """
                SELECT coalesce(k.feature_key, r.member_id) AS key, count(DISTINCT r.redemption_id) AS redemptions
                FROM src_redemptions r LEFT JOIN member_keys k ON k.member_id = r.member_id
                WHERE r.member_id IS NOT NULL AND r.status = 'APPROVED' AND r.repeat_of IS NULL
                  AND r.decided_at <= %s
                GROUP BY 1""".formatted(c));
        sql(spark, "f_tier", """
                SELECT member_id AS key, max_by(to_tier, achieved_at) AS tier FROM src_tiers
                WHERE achieved_at <= %s GROUP BY member_id""".formatted(c));
        if (sources.hasNudges()) {
            sql(spark, "f_nudges", """
                    SELECT coalesce(k.feature_key, n.member_id) AS key, count(*) AS nudges_total,
                           count_if(n.triggered_at > %s) AS nudges_90d
                    FROM src_nudges n LEFT JOIN member_keys k ON k.member_id = n.member_id
                    WHERE n.triggered_at <= %s GROUP BY 1""".formatted(recent, c));
        } else {
            sql(spark, "f_nudges", "SELECT CAST(NULL AS STRING) AS key, 0L AS nudges_total, 0L AS nudges_90d"
                    + " WHERE false");
        }
        registerLabels(spark, cutoff);

        Dataset<Row> features = spark.sql("""
                SELECT m.program, m.member_id, %1$s AS cutoff,
                       CAST(coalesce(unix_seconds(%1$s) - unix_seconds(o.last_order),
                                     unix_seconds(%1$s) - unix_seconds(m.enrolled_at)) / 86400D AS DOUBLE)
                           AS recency_days,
                       coalesce(o.orders_total, 0L) AS orders_total,
                       coalesce(o.orders_90d, 0L) AS orders_90d,
                       coalesce(o.orders_prev_90d, 0L) AS orders_prev_90d,
                       coalesce(o.spend_total, 0D) AS spend_total,
                       CASE WHEN o.orders_total > 0 THEN o.spend_total / o.orders_total ELSE 0D END
                           AS avg_order_value,
                       coalesce(o.spend_90d, 0D) AS spend_90d,
                       coalesce(o.spend_prev_90d, 0D) AS spend_prev_90d,
                       CASE WHEN coalesce(o.spend_90d, 0D) + coalesce(o.spend_prev_90d, 0D) > 0
                            THEN (o.spend_90d - o.spend_prev_90d) / (o.spend_90d + o.spend_prev_90d)
                            ELSE 0D END AS spend_trend,
                       CAST((unix_seconds(%1$s) - unix_seconds(m.enrolled_at)) / 86400D AS DOUBLE) AS tenure_days,
                       coalesce(t.tier, 'NONE') AS tier,
                       coalesce(p.balance, 0L) AS points_balance,
                       CAST(coalesce(x.expiring, 0L) AS BIGINT) AS points_expiring_30d,
                       CASE WHEN p.earned > 0 THEN p.redeemed / p.earned ELSE 0D END AS redemption_ratio,
                       coalesce(r.redemptions, 0L) AS redemptions,
                       CASE WHEN o.orders_total > 0 THEN p.returns / o.orders_total ELSE 0D END AS returns_ratio,
                       CASE WHEN o.orders_total > 0 THEN o.store / o.orders_total ELSE 0D END AS share_store,
                       CASE WHEN o.orders_total > 0 THEN o.web / o.orders_total ELSE 0D END AS share_web,
                       CASE WHEN o.orders_total > 0 THEN o.app / o.orders_total ELSE 0D END AS share_app,
                       coalesce(p.engagements_total, 0L) AS engagements_total,
                       coalesce(p.engagements_90d, 0L) AS engagements_90d,
                       coalesce(n.nudges_total, 0L) AS nudges_total,
                       coalesce(n.nudges_90d, 0L) AS nudges_90d,
                       l.churned_90d, l.ordered_30d,
                       '%2$s' AS source_snapshots,
                       %3$s AS computed_at
                FROM (SELECT program, member_id, enrolled_at FROM src_members
                      WHERE enrolled_at <= %1$s AND NOT (status = 'MERGED' AND merged_at <= %1$s)) m
                LEFT JOIN f_order_stats o ON o.key = m.member_id
                LEFT JOIN f_points p ON p.key = m.member_id
                LEFT JOIN f_expiring x ON x.key = m.member_id
                LEFT JOIN f_redemptions r ON r.key = m.member_id
                LEFT JOIN f_tier t ON t.key = m.member_id
                LEFT JOIN f_nudges n ON n.key = m.member_id
                LEFT JOIN f_labels l ON l.member_id = m.member_id
                """.formatted(c, sources.snapshotsJson(), ts(computedAt)));
        Dataset<Row> typed = conform(features);
        LOG.info("event=member_features_planned cutoff={} millis={}", cutoff, (System.nanoTime() - start) / 1_000_000);
        return typed;
    }

    /**
     * Computes and stores the features at {@code cutoff} in {@code ml.member_features}, replacing that cutoff's
     * earlier rows, and returns them as stored.
     */
    public static Dataset<Row> computeAndStore(SparkSession spark, Instant cutoff, Instant computedAt) {
        FeatureSources sources = FeatureSources.pin(spark);
        long start = System.nanoTime();
        // the ledger and the events are read by several of the queries; once from the files is enough
        spark.catalog().cacheTable("src_ledger");
        spark.catalog().cacheTable("src_events");
        // computed once and kept apart from the views: a later pin replaces them, which would drop a cached result
        // and have every later use recompute it from the tables
        Dataset<Row> features;
        try {
            features = compute(spark, sources, cutoff, computedAt).localCheckpoint(true);
        } finally {
            spark.catalog().uncacheTable("src_ledger");
            spark.catalog().uncacheTable("src_events");
        }
        LOG.info("event=member_features_computed cutoff={} millis={}", cutoff,
                (System.nanoTime() - start) / 1_000_000);
        String table = FeatureSources.name(MemberFeatures.ID);
        spark.sql("DELETE FROM " + table + " WHERE cutoff = " + ts(cutoff));
        try {
            features.writeTo(table).append();
        } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new IllegalStateException(table + " does not exist: run Lakehouse.ensureTables() first", e);
        }
        LOG.info("event=member_features_stored cutoff={} members={} snapshots={}", cutoff, features.count(),
                sources.snapshotsJson());
        return features;
    }

    /** Labels per member alive at the cutoff, null when raw.events does not reach the window's end. */
    private static void registerLabels(SparkSession spark, Instant cutoff) {
        String c = ts(cutoff);
        sql(spark, "f_future_orders", """
                SELECT coalesce(k.label_key, l.member_id) AS label_key, min(l.occurred_at) AS first_after
                FROM src_ledger l
                JOIN (SELECT DISTINCT event_id FROM src_events WHERE type = 'order.completed') e
                  ON e.event_id = l.source_event_id
                LEFT JOIN member_keys k ON k.member_id = l.member_id
                WHERE l.type = 'EARN' AND l.occurred_at > %s AND l.occurred_at <= %s
                GROUP BY 1""".formatted(c, ts(cutoff.plus(CHURN_WINDOW))));
        sql(spark, "f_labels", """
                SELECT m.member_id,
                       CASE WHEN h.last_event < %2$s THEN NULL
                            WHEN f.first_after IS NULL THEN 1 ELSE 0 END AS churned_90d,
                       CASE WHEN h.last_event < %3$s THEN NULL
                            WHEN f.first_after IS NOT NULL AND f.first_after <= %3$s THEN 1 ELSE 0 END AS ordered_30d
                FROM (SELECT s.member_id, coalesce(k.label_key, s.member_id) AS label_key
                      FROM src_members s LEFT JOIN member_keys k ON k.member_id = s.member_id) m
                CROSS JOIN (SELECT max(occurred_at) AS last_event FROM src_events) h
                LEFT JOIN f_future_orders f ON f.label_key = m.label_key
                """.formatted(c, ts(cutoff.plus(CHURN_WINDOW)), ts(cutoff.plus(PROPENSITY_WINDOW))));
    }

    private static void registerKeys(SparkSession spark, Instant cutoff) {
        List<MergeGroups.Merge> merges = spark.sql("""
                SELECT member_id, merged_into, merged_at FROM src_members
                WHERE status = 'MERGED' AND merged_into IS NOT NULL""").collectAsList().stream()
                .map(r -> new MergeGroups.Merge(r.getString(0), r.getString(1), (Instant) r.get(2)))
                .toList();
        List<Row> rows = new ArrayList<>();
        for (String[] key : new MergeGroups(merges).keys(cutoff)) {
            rows.add(RowFactory.create((Object[]) key));
        }
        StructType schema = new StructType()
                .add("member_id", DataTypes.StringType, false)
                .add("feature_key", DataTypes.StringType, false)
                .add("label_key", DataTypes.StringType, false);
        spark.createDataFrame(rows, schema).createOrReplaceTempView("member_keys");
    }

    /** Casts each column to the table's type, in its order: the SQL above decides values, the table the types. */
    private static Dataset<Row> conform(Dataset<Row> features) {
        StructType target = org.apache.iceberg.spark.SparkSchemaUtil.convert(MemberFeatures.SCHEMA);
        org.apache.spark.sql.Column[] columns = new org.apache.spark.sql.Column[target.fields().length];
        for (int i = 0; i < columns.length; i++) {
            var field = target.fields()[i];
            columns[i] = features.col(field.name()).cast(field.dataType()).as(field.name());
        }
        return features.select(columns);
    }

    static String ts(Instant at) {
        return "TIMESTAMP '" + at + "'";
    }

    private static void sql(SparkSession spark, String view, String sql) {
        spark.sql(sql).createOrReplaceTempView(view);
    }
}
