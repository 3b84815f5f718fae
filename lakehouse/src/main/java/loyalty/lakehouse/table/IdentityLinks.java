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
 * {@code identity.identity_links}: every link of a normalised identifier to a member, with its history, kept by UPSERT
 * on {@code (program, link_id)}. A link is current while {@code valid_to} is null; a merge or a device moving to
 * another member ends it ({@code end_reason}) and a new link starts, so "who had this identifier when" stays
 * answerable. Partitioned by program, one of the identifier fields, as Iceberg's equality deletes need.
 */
public final class IdentityLinks {
    public static final TableIdentifier ID = TableIdentifier.of("identity", "identity_links");

    public static final Schema SCHEMA = new Schema(List.of(
            required(1, "program", Types.StringType.get()),
            required(2, "link_id", Types.StringType.get()),
            required(3, "identifier_type", Types.StringType.get(), "email | phone | card | crm_id | device_id"),
            required(4, "identifier_value", Types.StringType.get(), "normalised (SPEC §3)"),
            required(5, "member_id", Types.StringType.get()),
            required(6, "valid_from", Types.TimestampType.withZone()),
            required(7, "linked_by_event", Types.StringType.get()),
            optional(8, "valid_to", Types.TimestampType.withZone(), "null while the link is current"),
            optional(9, "ended_by_event", Types.StringType.get()),
            optional(10, "end_reason", Types.StringType.get(), "merged | device_moved")),
            Set.of(1, 2));

    public static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA)
            .identity("program")
            .build();

    public static final TableDefinition DEFINITION = new TableDefinition(ID, SCHEMA, SPEC, Map.of(
            "format-version", "2",
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "zstd"));

    private IdentityLinks() {
    }
}
