package loyalty.ml;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import loyalty.lakehouse.table.Members;
import loyalty.lakehouse.table.PointsLedger;
import loyalty.lakehouse.table.RawEvents;
import loyalty.lakehouse.table.RedemptionOutcomes;
import loyalty.lakehouse.table.TierHistory;
import org.apache.iceberg.Schema;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.util.BucketUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Rows of the pipeline's tables, as the Flink jobs would write them, collected and then appended through Spark in
 * one commit per table. Only the columns the features read are filled; the rest get plausible constants.
 */
public final class LakehouseRows {
    public static final String PROGRAM = "acme";
    private static final Instant INGESTED = Instant.parse("2030-01-01T00:00:00Z");

    private final List<Row> events = new ArrayList<>();
    private final List<Row> members = new ArrayList<>();
    private final List<Row> ledger = new ArrayList<>();
    private final List<Row> tiers = new ArrayList<>();
    private final List<Row> redemptions = new ArrayList<>();

    public LakehouseRows member(String memberId, Instant enrolledAt) {
        return member(memberId, enrolledAt, null, null);
    }

    public LakehouseRows member(String memberId, Instant enrolledAt, String mergedInto, Instant mergedAt) {
        members.add(RowFactory.create(PROGRAM, memberId, mergedInto == null ? "ACTIVE" : "MERGED", mergedInto,
                mergedAt, enrolledAt, "ev-" + memberId, enrolledAt, null, null, null, "US", true, true, true, null,
                null, null, null, null, enrolledAt, "ev-" + memberId));
        return this;
    }

    public LakehouseRows event(String eventId, String type, Instant at, String payloadJson) {
        events.add(RowFactory.create(eventId, type, PROGRAM, at, "test", null, payloadJson, INGESTED,
                "loyalty.input.test", 0, 0L));
        return this;
    }

    /** An order.completed event and its EARN entry (one point per currency unit), which opens lot {@code eventId}. */
    public LakehouseRows order(String memberId, String eventId, Instant at, String amount, String channel,
                               Instant expiresAt) {
        event(eventId, "order.completed", at, "{\"order_id\":\"" + eventId + "\",\"net_amount\":\"" + amount
                + "\",\"currency\":\"USD\",\"channel\":\"" + channel + "\"}");
        return entry(memberId, "EARN", (long) Double.parseDouble(amount), eventId, at, eventId, expiresAt);
    }

    public LakehouseRows entry(String memberId, String type, long points, String lotId, Instant at,
                               String sourceEventId, Instant expiresAt) {
        String entryId = "le-" + ledger.size();
        ledger.add(RowFactory.create(entryId, PROGRAM, memberId, type, points, lotId, at,
                expiresAt == null ? null : at, expiresAt, sourceEventId, "1", null, null));
        return this;
    }

    public LakehouseRows tier(String memberId, String from, String to, Instant at) {
        tiers.add(RowFactory.create(PROGRAM, memberId, from, to, at, "test", "ev-tier-" + tiers.size(), null));
        return this;
    }

    public LakehouseRows redemption(String memberId, String redemptionId, String status, long points, Instant at) {
        redemptions.add(RowFactory.create(redemptionId, PROGRAM, memberId, status, null, points, null,
                "ev-" + redemptionId, at, null));
        return this;
    }

    /** Appends everything collected so far, one commit per table, and starts empty again. */
    public void appendTo(SparkSession spark) throws Exception {
        append(spark, RawEvents.ID.toString(), RawEvents.SCHEMA, events,
                Comparator.comparing(r -> day(r, 3)));
        append(spark, Members.ID.toString(), Members.SCHEMA, members, null);
        append(spark, PointsLedger.ID.toString(), PointsLedger.SCHEMA, ledger,
                Comparator.<Row, Long>comparing(r -> month(r, 6)).thenComparing(r -> bucket(r.getString(2))));
        append(spark, TierHistory.ID.toString(), TierHistory.SCHEMA, tiers, null);
        append(spark, RedemptionOutcomes.ID.toString(), RedemptionOutcomes.SCHEMA, redemptions,
                Comparator.comparing(r -> month(r, 8)));
    }

    /**
     * Rows sorted by their table's partition and written without Iceberg's fan-out: one file open at a time. A year
     * of raw events would otherwise open a Parquet writer per day at once (365, each with its own page buffers).
     */
    private static void append(SparkSession spark, String table, Schema schema, List<Row> rows,
                               Comparator<Row> partitionOrder) throws Exception {
        if (!rows.isEmpty()) {
            List<Row> sorted = new ArrayList<>(rows);
            if (partitionOrder != null) {
                sorted.sort(partitionOrder);
            }
            spark.createDataFrame(sorted, SparkSchemaUtil.convert(schema)).writeTo("loyalty." + table)
                    .option("distribution-mode", "none").option("fanout-enabled", "false").append();
            rows.clear();
        }
    }

    private static long day(Row row, int field) {
        Instant at = (Instant) row.get(field);
        return Math.floorDiv(at.getEpochSecond(), 86_400L);
    }

    /** Iceberg's month transform: months since 1970-01. */
    private static long month(Row row, int field) {
        java.time.LocalDate date = ((Instant) row.get(field)).atZone(java.time.ZoneOffset.UTC).toLocalDate();
        return (date.getYear() - 1970L) * 12 + date.getMonthValue() - 1;
    }

    /** Iceberg's bucket[16] of a string, as PointsLedger's partition spec computes it. */
    private static int bucket(String value) {
        return (BucketUtil.hash(value) & Integer.MAX_VALUE) % 16;
    }
}
