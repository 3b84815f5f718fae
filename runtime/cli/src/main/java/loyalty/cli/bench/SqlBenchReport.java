package loyalty.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What {@code loyalty bench sql} writes to its JSON file. */
record SqlBenchReport(
        @JsonProperty("bench") String bench,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("settings") Settings settings,
        @JsonProperty("machine") Machine machine,
        @JsonProperty("write") Write write,
        @JsonProperty("generated") Generated generated,
        @JsonProperty("tables") List<TableFiles> tables,
        @JsonProperty("maintenance_seconds") double maintenanceSeconds,
        @JsonProperty("kpi_refresh") Refresh kpiRefresh,
        @JsonProperty("kpi_views") List<ViewLatency> kpiViews,
        @JsonProperty("member_lookup") List<ViewLatency> memberLookup,
        @JsonProperty("kpi_figures") Map<String, Object> kpiFigures,
        @JsonProperty("kpi_match_generated") boolean kpiMatchGenerated,
        @JsonProperty("aim_ms") long aimMs,
        @JsonProperty("aim_met_by_views") boolean aimMetByViews,
        @JsonProperty("aim_met_by_snapshots") boolean aimMetBySnapshots) {

    record Settings(
            @JsonProperty("entries") long entries,
            @JsonProperty("seed") long seed,
            @JsonProperty("commits") int commits,
            @JsonProperty("runs_per_query_before") int runsPerQueryBefore,
            @JsonProperty("runs_per_query") int runsPerQuery,
            @JsonProperty("days") int days) {
    }

    /** Writing the program through the Iceberg API: every table, all commits. */
    record Write(
            @JsonProperty("seconds") double seconds,
            @JsonProperty("rows") long rows,
            @JsonProperty("commits") long commits,
            @JsonProperty("files") long files,
            @JsonProperty("ledger_entries_per_second") double ledgerEntriesPerSecond) {
    }

    /** The generator's own counts, to check the KPI views against; points are signed as in the ledger. */
    record Generated(
            @JsonProperty("members") long members,
            @JsonProperty("ledger_entries") long ledgerEntries,
            @JsonProperty("raw_events") long rawEvents,
            @JsonProperty("orders") long orders,
            @JsonProperty("member_orders") long memberOrders,
            @JsonProperty("redemptions") long redemptions,
            @JsonProperty("nudges") long nudges,
            @JsonProperty("earn_points") long earnPoints,
            @JsonProperty("bonus_points") long bonusPoints,
            @JsonProperty("clawback_points") long clawbackPoints,
            @JsonProperty("redeem_points") long redeemPoints,
            @JsonProperty("expire_points") long expirePoints,
            @JsonProperty("points_issued") long pointsIssued,
            @JsonProperty("points_outstanding") long pointsOutstanding) {
    }

    /** A table's current snapshot before and after maintenance. */
    record TableFiles(
            @JsonProperty("table") String table,
            @JsonProperty("data_files_before") long dataFilesBefore,
            @JsonProperty("data_files_after") long dataFilesAfter,
            @JsonProperty("bytes_before") long bytesBefore,
            @JsonProperty("bytes_after") long bytesAfter,
            @JsonProperty("manifests_before") long manifestsBefore,
            @JsonProperty("manifests_after") long manifestsAfter,
            @JsonProperty("maintenance_seconds") double maintenanceSeconds,
            @JsonProperty("error") String error) {
    }

    /**
     * One query's latency before and after compaction, and for a KPI the read of its snapshot table (null for the
     * member lookups, which have none).
     */
    record ViewLatency(
            @JsonProperty("name") String name,
            @JsonProperty("rows") long rows,
            @JsonProperty("before") Timing before,
            @JsonProperty("after") Timing after,
            @JsonProperty("snapshot") Timing snapshot) {
    }

    /** {@code loyalty kpi refresh} after compaction: every snapshot table replaced, in order. */
    record Refresh(
            @JsonProperty("seconds") double seconds,
            @JsonProperty("views") List<RefreshedView> views) {
    }

    record RefreshedView(
            @JsonProperty("view") String view,
            @JsonProperty("rows") long rows,
            @JsonProperty("seconds") double seconds,
            @JsonProperty("error") String error) {
    }

    /** @param runsMs every run, in order: the first is the coldest */
    record Timing(
            @JsonProperty("first_ms") long firstMs,
            @JsonProperty("median_ms") long medianMs,
            @JsonProperty("runs_ms") List<Long> runsMs,
            @JsonProperty("error") String error) {
    }
}
