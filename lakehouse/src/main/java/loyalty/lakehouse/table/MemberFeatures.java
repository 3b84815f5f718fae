package loyalty.lakehouse.table;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * {@code ml.member_features}: one row per member and cutoff, computed by spark-ml from data that had happened by
 * the cutoff only (occurred_at ≤ cutoff, merges with merged_at ≤ cutoff), with the labels that the following 90 and
 * 30 days give, when the data reaches that far. Each row names the Iceberg snapshots it was computed from, so a
 * training set can be rebuilt exactly. Recomputing a cutoff replaces its rows. Partitioned by day of the cutoff.
 */
public final class MemberFeatures {
    public static final TableIdentifier ID = TableIdentifier.of("ml", "member_features");

    public static final Schema SCHEMA = new Schema(
            required(1, "program", Types.StringType.get()),
            required(2, "member_id", Types.StringType.get(), "the survivor at the cutoff"),
            required(3, "cutoff", Types.TimestampType.withZone()),
            required(4, "recency_days", Types.DoubleType.get(), "since the last order, else since enrollment"),
            required(5, "orders_total", Types.LongType.get()),
            required(6, "orders_90d", Types.LongType.get()),
            required(7, "orders_prev_90d", Types.LongType.get(), "orders 180 to 90 days before the cutoff"),
            required(8, "spend_total", Types.DoubleType.get(), "net amount of the orders"),
            required(9, "avg_order_value", Types.DoubleType.get()),
            required(10, "spend_90d", Types.DoubleType.get()),
            required(11, "spend_prev_90d", Types.DoubleType.get()),
            required(12, "spend_trend", Types.DoubleType.get(), "(last 90 d − previous 90 d) / their sum, in [-1, 1]"),
            required(13, "tenure_days", Types.DoubleType.get(), "since enrollment"),
            required(14, "tier", Types.StringType.get(), "tier at the cutoff, NONE before the first"),
            required(15, "points_balance", Types.LongType.get(), "Σ ledger points at the cutoff"),
            required(16, "points_expiring_30d", Types.LongType.get(), "left in lots expiring within 30 days"),
            required(17, "redemption_ratio", Types.DoubleType.get(), "points redeemed / points earned"),
            required(18, "redemptions", Types.LongType.get(), "approved redemption requests"),
            required(19, "returns_ratio", Types.DoubleType.get(), "returns / orders"),
            required(20, "share_store", Types.DoubleType.get()),
            required(21, "share_web", Types.DoubleType.get()),
            required(22, "share_app", Types.DoubleType.get()),
            required(23, "engagements_total", Types.LongType.get()),
            required(24, "engagements_90d", Types.LongType.get()),
            required(25, "nudges_total", Types.LongType.get(), "0 while ledger.nudges does not exist"),
            required(26, "nudges_90d", Types.LongType.get()),
            optional(27, "churned_90d", Types.IntegerType.get(), "1 = no order in the 90 days after the cutoff;"
                    + " null when the data does not reach that far"),
            optional(28, "ordered_30d", Types.IntegerType.get(), "1 = an order in the 30 days after the cutoff;"
                    + " null when the data does not reach that far"),
            required(29, "source_snapshots", Types.StringType.get(), "JSON: table → Iceberg snapshot id read"),
            required(30, "computed_at", Types.TimestampType.withZone()));

    public static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA)
            .day("cutoff")
            .build();

    public static final TableDefinition DEFINITION = new TableDefinition(ID, SCHEMA, SPEC, Map.of(
            "format-version", "2",
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "zstd"));

    private MemberFeatures() {
    }
}
