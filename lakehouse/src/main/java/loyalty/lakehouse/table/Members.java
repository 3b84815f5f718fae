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
 * {@code identity.members}: the unified profile (SPEC §3), one row per member, kept current by the identity job with
 * UPSERT on the identifier fields {@code (program, member_id)}. A merged member keeps its row with status
 * {@code MERGED} and {@code merged_into}; its identifiers then belong to the survivor. Identifier values are
 * normalised. Partitioned by program, which is one of the identifier fields, as Iceberg's equality deletes need.
 * Field ids are fixed forever and numbered the way Iceberg assigns them (top level first, then list elements).
 *
 * <p>List elements are optional only so that a writer whose row type says nothing about element nullability is not
 * refused; the lists never hold nulls.
 */
public final class Members {
    public static final TableIdentifier ID = TableIdentifier.of("identity", "members");

    public static final Schema SCHEMA = new Schema(List.of(
            required(1, "program", Types.StringType.get()),
            required(2, "member_id", Types.StringType.get(), "M- + event_id of the event that created the profile"),
            required(3, "status", Types.StringType.get(), "PROSPECT | ACTIVE | MERGED | ERASED"),
            optional(4, "merged_into", Types.StringType.get(), "the survivor, when MERGED"),
            optional(5, "merged_at", Types.TimestampType.withZone()),
            required(6, "created_at", Types.TimestampType.withZone()),
            required(7, "created_by_event", Types.StringType.get()),
            optional(8, "enrolled_at", Types.TimestampType.withZone(), "null while a prospect"),
            optional(9, "first_name", Types.StringType.get()),
            optional(10, "last_name", Types.StringType.get()),
            optional(11, "birth_date", Types.DateType.get()),
            optional(12, "country", Types.StringType.get(), "ISO 3166 alpha-2"),
            optional(13, "consent_email", Types.BooleanType.get()),
            optional(14, "consent_sms", Types.BooleanType.get()),
            optional(15, "consent_push", Types.BooleanType.get()),
            optional(16, "emails", Types.ListType.ofOptional(23, Types.StringType.get())),
            optional(17, "phones", Types.ListType.ofOptional(24, Types.StringType.get()), "E.164"),
            optional(18, "cards", Types.ListType.ofOptional(25, Types.StringType.get())),
            optional(19, "crm_id", Types.StringType.get()),
            optional(20, "devices", Types.ListType.ofOptional(26, Types.StringType.get())),
            required(21, "updated_at", Types.TimestampType.withZone()),
            required(22, "updated_by_event", Types.StringType.get())),
            Set.of(1, 2));

    public static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA)
            .identity("program")
            .build();

    // No write.upsert.enabled: the identity job asks for upsert on its own sink, and other writers must not get it.
    public static final TableDefinition DEFINITION = new TableDefinition(ID, SCHEMA, SPEC, Map.of(
            "format-version", "2",
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "zstd"));

    private Members() {
    }
}
