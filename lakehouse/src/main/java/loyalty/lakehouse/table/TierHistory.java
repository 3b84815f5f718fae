package loyalty.lakehouse.table;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * {@code ledger.tier_history}: append-only, one row per tier change with its cause (SPEC §8), so a member's tier at
 * any time and why it changed stay answerable after the balance row has moved on. Partitioned by program.
 */
public final class TierHistory {
    public static final TableIdentifier ID = TableIdentifier.of("ledger", "tier_history");

    public static final Schema SCHEMA = new Schema(
            required(1, "program", Types.StringType.get()),
            required(2, "member_id", Types.StringType.get()),
            optional(3, "from_tier", Types.StringType.get(), "null when the tier is first set at enrollment"),
            required(4, "to_tier", Types.StringType.get()),
            required(5, "achieved_at", Types.TimestampType.withZone()),
            required(6, "cause", Types.StringType.get()),
            required(7, "source_event_id", Types.StringType.get()),
            optional(8, "qualifying_spend", Types.DecimalType.of(14, 2), "QS at achieved_at"));

    public static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA)
            .identity("program")
            .build();

    public static final TableDefinition DEFINITION = new TableDefinition(ID, SCHEMA, SPEC, Map.of(
            "format-version", "2",
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "zstd"));

    private TierHistory() {
    }
}
