package loyalty.lakehouse.table;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * {@code ledger.redemption_outcomes}: append-only, one row per redemption decision (SPEC §7). A request from an
 * unknown member is still recorded, so {@code member_id} is optional; a repeated {@code redemption_id} gets a row
 * with the same outcome and {@code repeat_of} set, and never a second debit. Partitioned by month of
 * {@code decided_at}: a redemption is a few percent of the ledger's rows, so days would make a file of a few hundred
 * rows each (365 files a year after compaction, each opened by every query).
 */
public final class RedemptionOutcomes {
    public static final TableIdentifier ID = TableIdentifier.of("ledger", "redemption_outcomes");

    public static final Schema SCHEMA = new Schema(
            required(1, "redemption_id", Types.StringType.get()),
            required(2, "program", Types.StringType.get()),
            optional(3, "member_id", Types.StringType.get(), "null when the requester is unknown"),
            required(4, "status", Types.StringType.get()),
            optional(5, "reason", Types.StringType.get(), "why it was not approved"),
            required(6, "points", Types.LongType.get(), "as requested"),
            optional(7, "available_before", Types.LongType.get()),
            required(8, "event_id", Types.StringType.get()),
            required(9, "decided_at", Types.TimestampType.withZone()),
            optional(10, "repeat_of", Types.StringType.get()));

    public static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA)
            .month("decided_at")
            .build();

    public static final TableDefinition DEFINITION = new TableDefinition(ID, SCHEMA, SPEC, Map.of(
            "format-version", "2",
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "zstd"));

    private RedemptionOutcomes() {
    }
}
