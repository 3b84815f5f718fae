package loyalty.lakehouse.kpi;

import static loyalty.lakehouse.kpi.KpiFixture.ACME;
import static loyalty.lakehouse.kpi.KpiFixture.BETA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.TrinoTestStack;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.stack.trino.QueryResult;
import loyalty.stack.trino.TrinoServer;
import loyalty.stack.trino.TrinoSql;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KPI views on a real Trino 476 over the Iceberg JDBC catalog, against {@link KpiFixture}'s small history. Every
 * expected figure is worked out by hand from the fixture rows (the comments show the sums), never by running SQL.
 * The views are installed twice: first before {@code ledger.nudges} exists (the nudge lift view is skipped), then
 * after, which also shows that installing again replaces the views in place.
 */
class KpiViewsIntegrationTest {
    @TempDir
    static Path work;

    private static TrinoTestStack stack;
    private static TrinoSql sql;
    private static LakehouseConfig config;
    private static KpiViews.Installed beforeNudges;
    private static KpiViews.Installed afterNudges;
    private static long installMillis;

    @BeforeAll
    static void startStackAndInstall() throws Exception {
        Assumptions.assumeTrue(TrinoServer.findJava().isPresent(), "no Java 24+ JDK for Trino on this machine");
        stack = TrinoTestStack.start(work);
        config = stack.lakehouse();
        String trinoUrl = stack.trino().jdbcUrl();
        sql = stack.as("loyalty");
        KpiFixture.write(sql);
        // A table definition of the nudge job may already create ledger.nudges; the first install must not see it.
        sql.query("DROP TABLE IF EXISTS iceberg.ledger.nudges");
        beforeNudges = KpiViews.install(trinoUrl, "loyalty");
        // The nudge table comes back from its definition when TableDefinitions has one (else the fixture makes it).
        try (Lakehouse lakehouse = Lakehouse.open(config)) {
            lakehouse.ensureTables();
        }
        KpiFixture.writeNudges(sql);
        long start = System.nanoTime();
        afterNudges = KpiViews.install(trinoUrl, "loyalty");
        installMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("kpi_install_millis=" + installMillis);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theNudgeLiftViewWaitsForTheNudgeTableAndTheOthersAreCreatedEachTime() {
        List<String> all = KpiViews.definitions().stream().map(KpiView::name).toList();
        assertThat(beforeNudges.skipped()).containsExactly(
                java.util.Map.entry("nudge_lift", "iceberg.ledger.nudges"));
        assertThat(beforeNudges.views()).containsExactlyElementsOf(
                all.stream().filter(v -> !v.equals("nudge_lift")).toList());
        assertThat(afterNudges.skipped()).isEmpty();
        assertThat(afterNudges.views()).containsExactlyElementsOf(all);
    }

    @Test
    void theViewsAreIcebergViewsInTheSameJdbcCatalogAsTheTables() throws Exception {
        try (Lakehouse lakehouse = Lakehouse.open(config)) {
            assertThat(lakehouse.catalog().listViews(Namespace.of("kpi")))
                    .contains(TableIdentifier.of("kpi", "active_member_rate"), TableIdentifier.of("kpi", "nudge_lift"))
                    .hasSize(KpiViews.FILES.size());
        }
        QueryResult comment = sql.query("""
                SELECT comment FROM system.metadata.table_comments
                WHERE catalog_name = 'iceberg' AND schema_name = 'kpi' AND table_name = 'breakage'""");
        assertThat((String) comment.rows().get(0).get(0)).startsWith("kpi.breakage: points expired / points issued");
    }

    @Test
    void asOfIsTheNewestEventTimeOfEachProgram() throws SQLException {
        assertThat(rows("SELECT program, as_of FROM iceberg.kpi.as_of ORDER BY program")).containsExactly(
                List.of(ACME, "2026-06-30 12:00:00.000000 UTC"),
                List.of(BETA, "2026-03-05 10:00:00.000000 UTC"));
    }

    @Test
    void activeMembersHaveAPurchaseOrAnEngagementInTheNinetyDaysUpToAsOf() throws SQLException {
        QueryResult r = sql.query("""
                SELECT program, members, active_members, purchasing_members, engagement_only_members, active_rate
                FROM iceberg.kpi.active_member_rate ORDER BY program""");
        // acme members: alice, carol, dave, bob, gina (erin merged, frank a prospect). Window (04-01 12:00, 06-30 12:00]:
        // alice O2 06-01 (purchase); bob only the review bonus 06-10 (engagement); dave O5 at 04-01 12:00:01
        // (purchase); carol's O4 at exactly 04-01 12:00 is out; gina's welcome bonus is not engagement.
        assertThat(r.rows().get(0).subList(0, 5)).containsExactly(ACME, 5L, 3L, 2L, 1L);
        assertThat((Double) r.value(0, "active_rate")).isCloseTo(3.0 / 5, within(1e-12));
        // beta: zed's order at as_of itself is inside the window.
        assertThat(r.rows().get(1).subList(0, 5)).containsExactly(BETA, 1L, 1L, 1L, 0L);
        assertThat((Double) r.value(1, "active_rate")).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void repeatPurchaseRateCountsOrdersOfMergedMembersForTheSurvivor() throws SQLException {
        // alice: O1, O2 and erin's O6 (merged into alice) = 3 orders; bob O3, carol O4 (returned), dave O5 = 1 each.
        assertThat(rows("""
                SELECT program, purchasers, repeat_purchasers, repeat_purchase_rate
                FROM iceberg.kpi.repeat_purchase_rate ORDER BY program""")).containsExactly(
                List.of(ACME, 4L, 1L, 0.25),
                List.of(BETA, 1L, 0L, 0.0));
    }

    @Test
    void redemptionRateIsNetRedeemedOverNetIssued() throws SQLException {
        // issued = EARN 825 (120+200+80+50+300+75) + BONUS 650 (6 welcomes + 50 review) + ADJUST 20
        //          + CLAWBACK -400 (merge welcome 100, carol's return 300) = 1095
        // redeemed = 150 + 100 - 100 (bob's cancelled redemption) = 150
        QueryResult r = sql.query("""
                SELECT program, points_issued, points_redeemed, redemption_rate
                FROM iceberg.kpi.redemption_rate ORDER BY program""");
        assertThat(r.rows().get(0).subList(0, 3)).containsExactly(ACME, 1095L, 150L);
        assertThat((Double) r.value(0, "redemption_rate")).isCloseTo(150.0 / 1095, within(1e-12));
        assertThat(r.rows().get(1)).containsExactly(BETA, 140L, 0L, 0.0);
    }

    @Test
    void breakageIsExpiredOverIssued() throws SQLException {
        QueryResult r = sql.query("""
                SELECT program, points_issued, points_expired, breakage_rate
                FROM iceberg.kpi.breakage ORDER BY program""");
        assertThat(r.rows().get(0).subList(0, 3)).containsExactly(ACME, 1095L, 40L);
        assertThat((Double) r.value(0, "breakage_rate")).isCloseTo(40.0 / 1095, within(1e-12));
        assertThat(r.rows().get(1)).containsExactly(BETA, 140L, 0L, 0.0);
    }

    @Test
    void liabilityIsPricedWithTheRuleSetInForceAtAsOf() throws SQLException {
        QueryResult r = sql.query("""
                SELECT program, available_points, pending_points, liability_points, debt_points, cost_per_point,
                       available_money, pending_money, liability_money
                FROM iceberg.kpi.outstanding_liability ORDER BY program""");
        // available: 250 + 220 + 100 + 100 (dave's -30 is debt, not negative liability; erin and frank 0) = 670;
        // pending: dave's 75. Rule set v2 (effective 05-01, 0.015) is in force; v3 is effective after as_of.
        assertThat(r.rows().get(0).subList(0, 5)).containsExactly(ACME, 670L, 75L, 745L, 30L);
        assertThat((BigDecimal) r.value(0, "cost_per_point")).isEqualByComparingTo("0.015");
        assertThat(r.rows().get(0).subList(6, 9)).containsExactly(
                new BigDecimal("10.05"), new BigDecimal("1.13"), new BigDecimal("11.18")); // 1.125, 11.175 round up
        // beta never published a rule set: the default 0.01.
        assertThat(r.rows().get(1).subList(0, 5)).containsExactly(BETA, 500L, 0L, 500L, 0L);
        assertThat((BigDecimal) r.value(1, "cost_per_point")).isEqualByComparingTo("0.01");
        assertThat(r.value(1, "liability_money")).isEqualTo(new BigDecimal("5.00"));
    }

    @Test
    void redemptionVelocityHasEveryDayAndASevenDayTrend() throws SQLException {
        QueryResult r = sql.query("""
                SELECT day, redemptions, points_redeemed, avg_7d, prior_avg_7d, trend_7d
                FROM iceberg.kpi.redemption_velocity WHERE program = 'acme' ORDER BY day""");
        // Approved first requests: 06-10 (r1, r2), 06-12 (r3; its repeat and the rejected r4 do not count),
        // 06-20 (r5), 06-29 (r6). Days 06-10 .. 06-30 (as_of's day).
        assertThat(r.rowCount()).isEqualTo(21);
        assertThat(r.rows().get(0).subList(0, 3)).containsExactly("2026-06-10", 2L, 250L);
        assertThat(r.rows().get(2).subList(0, 3)).containsExactly("2026-06-12", 1L, 30L);
        assertThat((Double) r.value(2, "avg_7d")).isCloseTo(3.0 / 7, within(1e-12));
        assertThat(r.value(2, "trend_7d")).isNull(); // fewer than 14 days of history
        // 06-23: last 7 days 06-17..06-23 hold 1, the 7 before (06-10..06-16) hold 3.
        assertThat(r.rows().get(13).get(0)).isEqualTo("2026-06-23");
        assertThat((Double) r.value(13, "avg_7d")).isCloseTo(1.0 / 7, within(1e-12));
        assertThat((Double) r.value(13, "prior_avg_7d")).isCloseTo(3.0 / 7, within(1e-12));
        assertThat((Double) r.value(13, "trend_7d")).isCloseTo(-2.0 / 7, within(1e-12));
        // 06-30: 1 (06-29) against 1 (06-20).
        assertThat(r.rows().get(20).subList(0, 3)).containsExactly("2026-06-30", 0L, 0L);
        assertThat((Double) r.value(20, "trend_7d")).isCloseTo(0.0, within(1e-12));
        assertThat(rows("SELECT count(*) FROM iceberg.kpi.redemption_velocity WHERE program = 'beta'"))
                .containsExactly(List.of(0L));
    }

    @Test
    void averageOrderValueSplitsOrdersByWhetherTheyEarned() throws SQLException {
        // members: 100 + 250 + 50 + 300 + 75.50 + 80 = 855.50 over 6; non-members (a prospect's O7, unknown O8, O9,
        // O10): 60 + 40 + 35.25 + 20 = 155.25 over 4.
        assertThat(rows("""
                SELECT program, segment, orders, revenue, average_order_value
                FROM iceberg.kpi.average_order_value ORDER BY program, segment""")).containsExactly(
                List.of(ACME, "member", 6L, new BigDecimal("855.50"), new BigDecimal("142.58")),
                List.of(ACME, "non_member", 4L, new BigDecimal("155.25"), new BigDecimal("38.81")),
                List.of(BETA, "member", 1L, new BigDecimal("40.00"), new BigDecimal("40.00")));
    }

    @Test
    void cohortRetentionCountsPurchasersPerMonthSinceEnrolment() throws SQLException {
        // Jan cohort: alice, carol, dave. Purchases: alice Jan (O1), Feb (erin's O6), Jun (O2); carol and dave Apr.
        // Feb cohort: bob (Feb O3). Jun cohort: gina, no purchase. Erin is merged away and in no cohort.
        assertThat(rows("""
                SELECT program, cohort_month, months_since_enrolment, cohort_size, retained
                FROM iceberg.kpi.cohort_retention ORDER BY program, cohort_month, months_since_enrolment""")).containsExactly(
                List.of(ACME, "2026-01-01", 0L, 3L, 1L),
                List.of(ACME, "2026-01-01", 1L, 3L, 1L),
                List.of(ACME, "2026-01-01", 2L, 3L, 0L),
                List.of(ACME, "2026-01-01", 3L, 3L, 2L),
                List.of(ACME, "2026-01-01", 4L, 3L, 0L),
                List.of(ACME, "2026-01-01", 5L, 3L, 1L),
                List.of(ACME, "2026-02-01", 0L, 1L, 1L),
                List.of(ACME, "2026-02-01", 1L, 1L, 0L),
                List.of(ACME, "2026-02-01", 2L, 1L, 0L),
                List.of(ACME, "2026-02-01", 3L, 1L, 0L),
                List.of(ACME, "2026-02-01", 4L, 1L, 0L),
                List.of(ACME, "2026-06-01", 0L, 1L, 0L),
                List.of(BETA, "2026-03-01", 0L, 1L, 1L));
        assertThat(rows("""
                SELECT retention_rate FROM iceberg.kpi.cohort_retention
                WHERE program = 'acme' AND cohort_month = DATE '2026-01-01' AND months_since_enrolment = 3"""))
                .containsExactly(List.of(2.0 / 3));
    }

    @Test
    void tierDistributionCountsCurrentTiersOfActiveMembers() throws SQLException {
        // erin (merged) and frank (no tier) are left out.
        assertThat(rows("""
                SELECT program, tier, members, share FROM iceberg.kpi.tier_distribution
                ORDER BY program, tier""")).containsExactly(
                List.of(ACME, "MEMBER", 4L, 0.8),
                List.of(ACME, "SILVER", 1L, 0.2),
                List.of(BETA, "MEMBER", 1L, 1.0));
    }

    @Test
    void tierMovementsAreGroupedByMonthAndDirection() throws SQLException {
        assertThat(rows("""
                SELECT program, month, from_tier, to_tier, cause, direction, movements
                FROM iceberg.kpi.tier_movements ORDER BY month, direction""")).containsExactly(
                Arrays.asList(ACME, "2026-01-01", null, "MEMBER", "enrollment", "ENTRY", 3L),
                List.of(ACME, "2026-04-01", "SILVER", "MEMBER", "return", "DOWN", 1L),
                List.of(ACME, "2026-04-01", "MEMBER", "SILVER", "upgrade", "UP", 1L),
                List.of(ACME, "2026-06-01", "MEMBER", "SILVER", "upgrade", "UP", 1L));
    }

    @Test
    void attributedRevenueComparesMemberOrdersWithNonMemberOrdersOfTheSameMonthAndChannel() throws SQLException {
        // Non-member cells: (Jun, web) 60 and 40 -> 50; (Feb, store) 35.25; (Apr, unknown) 20.
        // Member orders: O2 (Jun, web) 250 - 50; O3 50 and O6 80 (Feb, store) - 35.25 each;
        // O1 (Jan, store), O4 (Apr, web) and O5 (Apr, app) have no cell: unmatched.
        // matched revenue 380.00, baseline 120.50, attributed 259.50.
        assertThat(rows("""
                SELECT program, member_orders, matched_member_orders, unmatched_member_orders,
                       matched_member_revenue, baseline_revenue, attributed_revenue
                FROM iceberg.kpi.program_attributed_revenue ORDER BY program""")).containsExactly(
                List.of(ACME, 6L, 3L, 3L, new BigDecimal("380.00"), new BigDecimal("120.50"),
                        new BigDecimal("259.50")),
                List.of(BETA, 1L, 0L, 1L, new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("0.00")));
    }

    @Test
    void nudgeLiftComparesDeliveredNudgesWithTheHoldout() throws SQLException {
        QueryResult r = sql.query("""
                SELECT program, nudge_type, treated, treated_conversions, control, control_conversions,
                       treated_rate, control_rate, lift, lift_ci_low, lift_ci_high
                FROM iceberg.kpi.nudge_lift ORDER BY nudge_type""");
        assertThat(r.rowCount()).isEqualTo(2);
        // NEAR_TIER treated: n1, n2, n4 (exactly 14 days) convert; n3 never; n5 only at the same instant.
        // Control: c2 (erin, converted through alice's O2); c1 not. s1, s2 are in neither arm.
        assertThat(r.rows().get(0).subList(0, 6)).containsExactly(ACME, "NEAR_TIER", 5L, 3L, 2L, 1L);
        double pt = 3.0 / 5;
        double pc = 1.0 / 2;
        double halfWidth = 1.96 * Math.sqrt(pt * (1 - pt) / 5 + pc * (1 - pc) / 2);
        assertThat((Double) r.value(0, "treated_rate")).isCloseTo(pt, within(1e-12));
        assertThat((Double) r.value(0, "control_rate")).isCloseTo(pc, within(1e-12));
        assertThat((Double) r.value(0, "lift")).isCloseTo(0.1, within(1e-12));
        assertThat((Double) r.value(0, "lift_ci_low")).isCloseTo(0.1 - halfWidth, within(1e-12));
        assertThat((Double) r.value(0, "lift_ci_high")).isCloseTo(0.1 + halfWidth, within(1e-12));
        // WELCOME has no control group: no lift and no interval.
        assertThat(r.rows().get(1)).containsExactly(ACME, "WELCOME", 1L, 0L, 0L, 0L, 0.0, null, null, null, null);
    }

    @Test
    void theSummaryHasOneRowPerProgramWithTheHeadlineFigures() throws SQLException {
        QueryResult r = sql.query("SELECT * FROM iceberg.kpi.program_summary ORDER BY program");
        assertThat(r.rowCount()).isEqualTo(2);
        assertThat(r.value(0, "members")).isEqualTo(5L);
        assertThat((Double) r.value(0, "active_rate")).isCloseTo(0.6, within(1e-12));
        assertThat(r.value(0, "liability_money")).isEqualTo(new BigDecimal("11.18"));
        assertThat(r.value(0, "member_aov")).isEqualTo(new BigDecimal("142.58"));
        assertThat(r.value(0, "non_member_aov")).isEqualTo(new BigDecimal("38.81"));
        assertThat(r.value(0, "attributed_revenue")).isEqualTo(new BigDecimal("259.50"));
        assertThat(r.value(1, "non_member_aov")).isNull();
    }

    @Test
    void aRefreshKeepsEveryViewsRowsAsATableAndEachRefreshIsASnapshotOfIt() throws SQLException {
        KpiSnapshots snapshots = new KpiSnapshots(q -> sql.query(q).rows());
        List<KpiSnapshots.Refreshed> first = snapshots.refresh();
        List<KpiSnapshots.Refreshed> second = snapshots.refresh();

        assertThat(first).extracting(KpiSnapshots.Refreshed::view).containsExactlyElementsOf(afterNudges.views());
        assertThat(first).allSatisfy(r -> assertThat(r.error()).as(r.view()).isNull());
        assertThat(second).allSatisfy(r -> assertThat(r.error()).as(r.view()).isNull());
        for (String view : afterNudges.views()) {
            String live = "SELECT * FROM iceberg.kpi." + view;
            String kept = "SELECT * FROM iceberg.kpi_snapshot." + view;
            long rows = (Long) rows("SELECT count(*) FROM (" + live + ")").get(0).get(0);
            assertThat(rows).as(view).isPositive();
            assertThat(first).filteredOn(r -> r.view().equals(view)).extracting(KpiSnapshots.Refreshed::rows)
                    .containsExactly(rows);
            assertThat(rows("SELECT count(*) FROM (" + kept + ")")).as(view).containsExactly(List.of(rows));
            // the same rows both ways (EXCEPT ALL keeps duplicates), so the snapshot is the view's result exactly
            assertThat(rows(live + " EXCEPT ALL " + kept)).as(view + " rows missing from its snapshot").isEmpty();
            assertThat(rows(kept + " EXCEPT ALL " + live)).as(view + " rows only in its snapshot").isEmpty();
        }
        assertThat(rows("SELECT count(*) FROM iceberg.kpi_snapshot.\"program_summary$snapshots\""))
                .containsExactly(List.of(2L));
        // the tables fall under the same access rules as the views: a brand's analyst sees their program's rows only
        assertThat(stack.as("analyst_acme").query("SELECT DISTINCT program FROM iceberg.kpi_snapshot.program_summary")
                .rows()).containsExactly(List.of(ACME));
        assertThat(stack.as("data_scientist").query("SELECT count(*) FROM iceberg.kpi_snapshot.breakage").rows())
                .containsExactly(List.of(2L));
    }

    private static List<List<Object>> rows(String query) throws SQLException {
        return sql.query(query).rows();
    }
}
