package loyalty.lakehouse.table;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * {@code identity.identity_events}: append-only audit of identity decisions (SPEC §3): every {@code identity.merged}
 * (survivor, loser, the event that caused it, the reason) and every {@code identity.conflict} (a merge or attach the
 * guards refused, for review, and the member the event went to instead), and every {@value #LATE} (an event that
 * arrived after resolution's clock had passed it: applied at arrival, SPEC §1). Partitioned by day of {@code occurred_at}
 * and by program, as raw.events. List elements are optional for the reason given on {@link Members}.
 */
public final class IdentityEvents {
    public static final TableIdentifier ID = TableIdentifier.of("identity", "identity_events");
    /** The kind of a late arrival's row. */
    public static final String LATE = "identity.late";

    public static final Schema SCHEMA = new Schema(
            required(1, "program", Types.StringType.get()),
            required(2, "record_id", Types.StringType.get()),
            required(3, "kind", Types.StringType.get(), "identity.merged | identity.conflict"),
            required(4, "event_id", Types.StringType.get(), "the event that triggered it"),
            required(5, "occurred_at", Types.TimestampType.withZone()),
            optional(6, "survivor_id", Types.StringType.get()),
            optional(7, "loser_id", Types.StringType.get()),
            optional(8, "members", Types.ListType.ofOptional(14, Types.StringType.get()), "every member involved"),
            optional(9, "assigned_to", Types.StringType.get(), "conflicts: the member the event went to"),
            required(10, "reason", Types.StringType.get()),
            optional(11, "detail", Types.StringType.get()),
            optional(12, "identifiers", Types.ListType.ofOptional(15, Types.StringType.get()),
                    "the identifiers involved, as type:value"),
            optional(13, "welcome_clawback", Types.BooleanType.get()));

    public static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA)
            .day("occurred_at")
            .identity("program")
            .build();

    public static final TableDefinition DEFINITION = new TableDefinition(ID, SCHEMA, SPEC, Map.of(
            "format-version", "2",
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "zstd"));

    private IdentityEvents() {
    }
}
