package loyalty.lakehouse.table;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * {@code audit.erasures}: one row per completed erasure request (GDPR art. 17 / CCPA deletion), written by
 * {@code loyalty.lakehouse.erasure.Erasure} after the erased rows are physically gone. It proves what was done without
 * undoing it: it names the member by pseudonym only and never holds an erased identifier (the reason text is scrubbed
 * of them too). Append-only, unpartitioned: a handful of rows a month.
 */
public final class Erasures {
    public static final TableIdentifier ID = TableIdentifier.of("audit", "erasures");

    public static final Schema SCHEMA = new Schema(
            required(1, "erasure_id", Types.StringType.get()),
            required(2, "program", Types.StringType.get()),
            required(3, "pseudonym", Types.StringType.get(), "what the member's rows now carry as member_id"),
            required(4, "requested_by", Types.StringType.get()),
            optional(5, "reason", Types.StringType.get()),
            required(6, "requested_at", Types.TimestampType.withZone()),
            required(7, "completed_at", Types.TimestampType.withZone()),
            required(8, "members_erased", Types.IntegerType.get(), "the member and the profiles merged into it"),
            optional(9, "rows_changed", Types.MapType.ofOptional(12, 13, Types.StringType.get(),
                    Types.LongType.get()), "schema.table -> rows updated, deleted or inserted"),
            required(10, "files_rewritten", Types.LongType.get(), "data and delete files replaced by the rewrite"),
            required(11, "snapshots_expired", Types.LongType.get()));

    public static final PartitionSpec SPEC = PartitionSpec.unpartitioned();

    public static final TableDefinition DEFINITION = new TableDefinition(ID, SCHEMA, SPEC, Map.of(
            "format-version", "2",
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "zstd"));

    private Erasures() {
    }
}
