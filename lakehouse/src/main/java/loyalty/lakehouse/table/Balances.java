package loyalty.lakehouse.table;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * {@code ledger.balances}: each member's current balance (SPEC §11), one row per member, kept by UPSERT on the
 * identifier fields {@code (program, member_id)}. It is derived from the ledger, which stays the truth: for every
 * member, Σ ledger points = available + pending. Partitioned by program, one of the identifier fields, as Iceberg's
 * equality deletes need.
 */
public final class Balances {
    public static final TableIdentifier ID = TableIdentifier.of("ledger", "balances");

    public static final Schema SCHEMA = new Schema(List.of(
            required(1, "program", Types.StringType.get()),
            required(2, "member_id", Types.StringType.get()),
            required(3, "available", Types.LongType.get(), "net of debt, so it may be negative"),
            required(4, "pending", Types.LongType.get(), "in lots still inside their return window"),
            required(5, "debt", Types.LongType.get()),
            required(6, "lifetime_earned", Types.LongType.get()),
            required(7, "redeemed", Types.LongType.get()),
            required(8, "expired", Types.LongType.get()),
            optional(9, "tier", Types.StringType.get(), "null while not enrolled"),
            optional(10, "tier_achieved_at", Types.TimestampType.withZone()),
            required(11, "as_of", Types.TimestampType.withZone())),
            Set.of(1, 2));

    public static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA)
            .identity("program")
            .build();

    // No write.upsert.enabled: the ledger job asks for upsert on its own sink, and other writers must not get it.
    public static final TableDefinition DEFINITION = new TableDefinition(ID, SCHEMA, SPEC, Map.of(
            "format-version", "2",
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "zstd"));

    private Balances() {
    }
}
