package loyalty.ml.features;

import java.util.LinkedHashMap;
import java.util.Map;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.Members;
import loyalty.lakehouse.table.PointsLedger;
import loyalty.lakehouse.table.RawEvents;
import loyalty.lakehouse.table.RedemptionOutcomes;
import loyalty.lakehouse.table.TierHistory;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;

/**
 * The pipeline's tables pinned at one snapshot each, as temporary views ({@code src_events}, {@code src_members},
 * {@code src_ledger}, {@code src_tiers}, {@code src_redemptions}, {@code src_nudges}): Flink keeps committing while
 * features are computed, and every query of one computation must see the same data. The snapshot ids are recorded
 * with the features and the models, so a training set can be rebuilt.
 */
public final class FeatureSources {
    /** Added by the nudge work; features count nudges only when it exists. */
    public static final TableIdentifier NUDGES = TableIdentifier.of("ledger", "nudges");

    private final Map<String, Long> snapshots;
    private final boolean nudges;

    private FeatureSources(Map<String, Long> snapshots, boolean nudges) {
        this.snapshots = snapshots;
        this.nudges = nudges;
    }

    /**
     * Registers the views on the tables' current snapshots.
     *
     * @throws IllegalStateException when one of the required tables does not exist
     */
    public static FeatureSources pin(SparkSession spark) {
        Map<String, Long> snapshots = new LinkedHashMap<>();
        view(spark, RawEvents.ID, "src_events", snapshots);
        view(spark, Members.ID, "src_members", snapshots);
        view(spark, PointsLedger.ID, "src_ledger", snapshots);
        view(spark, TierHistory.ID, "src_tiers", snapshots);
        view(spark, RedemptionOutcomes.ID, "src_redemptions", snapshots);
        boolean nudges = spark.catalog().tableExists(name(NUDGES));
        if (nudges) {
            view(spark, NUDGES, "src_nudges", snapshots);
        }
        return new FeatureSources(Map.copyOf(snapshots), nudges);
    }

    /** Table name (namespace.table) → the snapshot id read, -1 for a table without any snapshot yet. */
    public Map<String, Long> snapshots() {
        return snapshots;
    }

    public boolean hasNudges() {
        return nudges;
    }

    /** The snapshots as a JSON object with the tables in name order, e.g. {@code {"ledger.points_ledger":42,…}}. */
    public String snapshotsJson() {
        StringBuilder json = new StringBuilder("{");
        snapshots.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(e.getKey()).append("\":").append(e.getValue());
        });
        return json.append('}').toString();
    }

    /** The name Spark addresses a table by: the catalog first. */
    public static String name(TableIdentifier id) {
        return LakehouseConfig.CATALOG_NAME + "." + id;
    }

    private static void view(SparkSession spark, TableIdentifier id, String view, Map<String, Long> snapshots) {
        String name = name(id);
        if (!spark.catalog().tableExists(name)) {
            throw new IllegalStateException("table " + name + " does not exist: run the pipeline or"
                    + " Lakehouse.ensureTables() first");
        }
        Table table;
        try {
            table = Spark3Util.loadIcebergTable(spark, name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + name + ": " + e.getMessage(), e);
        }
        Snapshot current = table.currentSnapshot();
        snapshots.put(id.toString(), current == null ? -1L : current.snapshotId());
        String sql = current == null ? "SELECT * FROM " + name
                : "SELECT * FROM " + name + " VERSION AS OF " + current.snapshotId();
        spark.sql(sql).createOrReplaceTempView(view);
    }
}
