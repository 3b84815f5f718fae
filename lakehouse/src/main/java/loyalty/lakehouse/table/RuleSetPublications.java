package loyalty.lakehouse.table;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * {@code audit.rule_set_publications}: append-only, one row per {@code rules.published} event the ledger job
 * applied or rejected (SPEC §9), with what changed: {@code diff} is an RFC 6902 JSON Patch from the program's
 * previously accepted rule set (both as the ledger reads them, defaults filled in) to this one. The ledger job
 * writes it with its other tables; a replay writes {@code <namespace>.rule_set_publications}. Unpartitioned: a
 * few rows per program and month.
 */
public final class RuleSetPublications {
    public static final TableIdentifier ID = TableIdentifier.of("audit", "rule_set_publications");

    public static final Schema SCHEMA = new Schema(
            required(1, "program", Types.StringType.get()),
            optional(2, "version", Types.StringType.get(), "null when the rejected rule set had none"),
            optional(3, "effective_from", Types.TimestampType.withZone()),
            required(4, "published_at", Types.TimestampType.withZone(), "the event's occurred_at"),
            optional(5, "published_by", Types.StringType.get(),
                    "the payload's operator when it names one, else the event's source"),
            required(6, "event_id", Types.StringType.get()),
            required(7, "status", Types.StringType.get(), "ACCEPTED or REJECTED"),
            optional(8, "errors", Types.ListType.ofOptional(11, Types.StringType.get()), "why it was rejected"),
            optional(9, "previous_version", Types.StringType.get(),
                    "the accepted version the diff starts from; null for the program's first"),
            optional(10, "diff", Types.StringType.get(), "RFC 6902 JSON Patch from previous_version (from {} for "
                    + "the first: every key added); null when rejected"));

    public static final PartitionSpec SPEC = PartitionSpec.unpartitioned();

    public static final TableDefinition DEFINITION = new TableDefinition(ID, SCHEMA, SPEC, Map.of(
            "format-version", "2",
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "zstd"));

    private RuleSetPublications() {
    }
}
