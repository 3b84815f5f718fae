package loyalty.ml.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.table.Members;
import loyalty.lakehouse.table.PointsLedger;
import loyalty.lakehouse.table.RawEvents;
import loyalty.lakehouse.table.RedemptionOutcomes;
import loyalty.lakehouse.table.TableDefinition;
import loyalty.lakehouse.table.TierHistory;
import loyalty.ml.LakehouseRows;
import loyalty.ml.SparkLakehouse;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Features as of a cutoff see nothing after it. Alice has, after the cutoff, an order, a return, an engagement, a
 * redemption, a tier upgrade and a merge that would each change a feature if they leaked; her features must equal
 * those computed by hand from what happened by the cutoff. The label boundaries are exact: an order exactly 90 (30)
 * days after the cutoff still counts, one a second later does not.
 */
class MemberFeaturesLeakageTest {
    static final Instant JAN_01 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant FEB_10 = Instant.parse("2026-02-10T12:00:00Z");
    static final Instant MAR_01 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant MAR_10 = Instant.parse("2026-03-10T15:00:00Z");
    static final Instant APR_01 = Instant.parse("2026-04-01T00:00:00Z");
    static final Instant MAY_20 = Instant.parse("2026-05-20T09:00:00Z");
    static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant JUN_15 = Instant.parse("2026-06-15T11:00:00Z");
    static final Instant JUN_20 = Instant.parse("2026-06-20T00:00:00Z");
    static final Instant JUL_01 = Instant.parse("2026-07-01T00:00:00Z");
    static final Instant PLUS_30D = CUTOFF.plus(Duration.ofDays(30));
    static final Instant PLUS_90D = CUTOFF.plus(Duration.ofDays(90));
    static final Instant FAR = Instant.parse("2027-01-01T00:00:00Z");
    static final Instant COMPUTED = Instant.parse("2026-06-01T06:00:00Z");

    @TempDir
    static Path work;
    static SparkLakehouse lake;
    static Map<String, Row> features;

    @BeforeAll
    static void writeHistoriesAndComputeFeatures() throws Exception {
        lake = SparkLakehouse.start(work);
        LakehouseRows rows = new LakehouseRows();
        // alice, and bob who merged into her before the cutoff, and carol who merged into her after it
        rows.member("alice", JAN_01)
                .member("bob", JAN_01, "alice", APR_01)
                .member("carol", JAN_01, "alice", JUL_01);
        rows.order("alice", "o-1", FEB_10, "100.00", "store", JUN_20) // lot o-1 expires 19 days after the cutoff
                .entry("alice", "REDEEM", -30, "o-1", MAR_01, "rd-1", null)
                .order("bob", "o-2", MAR_10, "40.00", "app", FAR)
                .order("alice", "o-3", MAY_20, "50.00", "web", FAR)
                .event("rt-1", "order.returned", MAY_20.plusSeconds(3600), "{}")
                .entry("alice", "CLAWBACK", -10, "o-3", MAY_20.plusSeconds(3600), "rt-1", null)
                .event("en-1", "engagement.recorded", CUTOFF, "{}") // exactly at the cutoff: counts
                .entry("alice", "BONUS", 25, "en-1", CUTOFF, "en-1", FAR)
                .tier("alice", null, "BASE", JAN_01)
                .redemption("alice", "rd-1", "APPROVED", 30, MAR_01)
                .redemption("alice", "rd-0", "REJECTED", 5_000, MAR_01);
        // after the cutoff: every one of these would change one of alice's features
        rows.order("alice", "o-4", JUN_15, "500.00", "app", FAR)
                .entry("alice", "REDEEM", -20, "o-1", JUN_15, "rd-2", null)
                .redemption("alice", "rd-2", "APPROVED", 20, JUN_15)
                .event("rt-2", "order.returned", JUN_15.plusSeconds(60), "{}")
                .entry("alice", "CLAWBACK", -40, "o-3", JUN_15.plusSeconds(60), "rt-2", null)
                .event("en-2", "engagement.recorded", JUN_15, "{}")
                .entry("alice", "BONUS", 25, "en-2", JUN_15, "en-2", FAR)
                .tier("alice", "BASE", "SILVER", JUN_15)
                .order("carol", "o-5", MAR_10, "70.00", "store", FAR);
        // label boundaries
        rows.member("dave", JAN_01).order("dave", "o-6", PLUS_90D, "10.00", "web", FAR)
                .member("erin", JAN_01).order("erin", "o-7", PLUS_90D.plusSeconds(1), "10.00", "web", FAR)
                .member("fay", JAN_01).order("fay", "o-8", PLUS_30D, "10.00", "web", FAR)
                .member("gus", JAN_01).order("gus", "o-9", PLUS_30D.plusSeconds(1), "10.00", "web", FAR)
                .member("late", CUTOFF.plusSeconds(1))
                .event("last", "order.completed", PLUS_90D.plus(Duration.ofDays(10)), "{}");
        rows.appendTo(lake.spark());

        features = MemberFeatureBuilder.computeAndStore(lake.spark(), CUTOFF, COMPUTED).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("member_id"), r -> r));
    }

    @AfterAll
    static void stop() {
        if (lake != null) {
            lake.close();
        }
    }

    @Test
    void membersAreThoseEnrolledAndNotMergedAwayByTheCutoff() {
        assertThat(features.keySet()).containsExactlyInAnyOrder("alice", "carol", "dave", "erin", "fay", "gus");
    }

    @Test
    void alicesFeaturesUseOnlyWhatHappenedByTheCutoffIncludingBobsHistory() {
        Row alice = features.get("alice");
        // last order May 20 09:00 → 11 days 15 hours before the cutoff (not Jun 15)
        assertThat((double) alice.getAs("recency_days")).isCloseTo(11 + 15 / 24.0, within());
        assertThat((long) alice.getAs("orders_total")).isEqualTo(3); // o-1, bob's o-2, o-3
        assertThat((long) alice.getAs("orders_90d")).isEqualTo(2); // Mar 10 and May 20 (after Mar 3)
        assertThat((long) alice.getAs("orders_prev_90d")).isEqualTo(1);
        assertThat((double) alice.getAs("spend_total")).isCloseTo(190.0, within());
        assertThat((double) alice.getAs("avg_order_value")).isCloseTo(190.0 / 3, within());
        assertThat((double) alice.getAs("spend_90d")).isCloseTo(90.0, within());
        assertThat((double) alice.getAs("spend_prev_90d")).isCloseTo(100.0, within());
        assertThat((double) alice.getAs("spend_trend")).isCloseTo(-10.0 / 190, within());
        assertThat((double) alice.getAs("tenure_days")).isCloseTo(151.0, within());
        assertThat((String) alice.getAs("tier")).isEqualTo("BASE");
        // 100 − 30 + 40 + 50 − 10 + 25
        assertThat((long) alice.getAs("points_balance")).isEqualTo(175);
        // lot o-1 (expires Jun 20): 100 − 30 redeemed by the cutoff; the later −20 must not count
        assertThat((long) alice.getAs("points_expiring_30d")).isEqualTo(70);
        assertThat((double) alice.getAs("redemption_ratio")).isCloseTo(30.0 / 215, within());
        assertThat((long) alice.getAs("redemptions")).isEqualTo(1);
        assertThat((double) alice.getAs("returns_ratio")).isCloseTo(1.0 / 3, within());
        assertThat((double) alice.getAs("share_store")).isCloseTo(1.0 / 3, within());
        assertThat((double) alice.getAs("share_web")).isCloseTo(1.0 / 3, within());
        assertThat((double) alice.getAs("share_app")).isCloseTo(1.0 / 3, within());
        assertThat((long) alice.getAs("engagements_total")).isEqualTo(1);
        assertThat((long) alice.getAs("engagements_90d")).isEqualTo(1);
        assertThat((long) alice.getAs("nudges_total")).isZero();
        assertThat((Instant) alice.getAs("cutoff")).isEqualTo(CUTOFF);
    }

    @Test
    void aMemberMergedAfterTheCutoffKeepsItsOwnHistoryThen() {
        Row carol = features.get("carol");
        assertThat((long) carol.getAs("orders_total")).isEqualTo(1);
        assertThat((double) carol.getAs("spend_total")).isCloseTo(70.0, within());
        assertThat((String) carol.getAs("tier")).isEqualTo("NONE");
    }

    @Test
    void labelsCountOrdersUpToExactlyNinetyAndThirtyDaysAfterTheCutoff() {
        assertThat(labels("alice")).containsExactly(0, 1); // o-4 on Jun 15
        assertThat(labels("dave")).containsExactly(0, 0); // exactly +90 d: not churned; after +30 d
        assertThat(labels("erin")).containsExactly(1, 0); // one second past +90 d: churned
        assertThat(labels("fay")).containsExactly(0, 1); // exactly +30 d
        assertThat(labels("gus")).containsExactly(0, 0); // one second past +30 d
        // carol's own orders are before the cutoff, but she joined alice, who bought on Jun 15
        assertThat(labels("carol")).containsExactly(0, 1);
    }

    @Test
    void labelsAreUnknownWhereTheDataDoesNotReachTheEndOfTheirWindow() {
        Instant lateCutoff = PLUS_90D.minus(Duration.ofDays(20));
        Row alice = MemberFeatureBuilder.compute(lake.spark(), FeatureSources.pin(lake.spark()), lateCutoff,
                COMPUTED).filter("member_id = 'alice'").first();
        assertThat((Object) alice.getAs("churned_90d")).isNull();
        assertThat((Integer) alice.getAs("ordered_30d")).isZero();
    }

    @Test
    void theStoredRowsNameTheSnapshotsTheyWereComputedFrom() throws Exception {
        Row stored = lake.spark().sql("SELECT count(*), min(source_snapshots), max(source_snapshots) FROM"
                + " loyalty.ml.member_features WHERE cutoff = TIMESTAMP '2026-06-01 00:00:00'").first();
        assertThat(stored.getLong(0)).isEqualTo(6);
        assertThat(stored.getString(1)).isEqualTo(stored.getString(2));
        try (Lakehouse catalog = Lakehouse.open(lake.config())) {
            for (TableDefinition table : List.of(RawEvents.DEFINITION, Members.DEFINITION, PointsLedger.DEFINITION,
                    TierHistory.DEFINITION, RedemptionOutcomes.DEFINITION)) {
                long current = catalog.load(table).currentSnapshot().snapshotId();
                assertThat(stored.getString(1)).contains("\"" + table.id() + "\":" + current);
            }
        }
        // computing the same cutoff again replaces its rows
        MemberFeatureBuilder.computeAndStore(lake.spark(), CUTOFF, COMPUTED);
        assertThat(lake.spark().table("loyalty.ml.member_features").count()).isEqualTo(6);
    }

    private static Object[] labels(String member) {
        Row row = features.get(member);
        return new Object[] {row.getAs("churned_90d"), row.getAs("ordered_30d")};
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
