package loyalty.lakehouse.table;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * {@code raw.events}: every accepted input event once, as it arrived (identifiers raw, payload as JSON text), with
 * its Kafka position. Partitioned by day of {@code occurred_at} and by program. Field ids are fixed forever and
 * numbered the way Iceberg assigns them at creation (top level first, then nested), so the table keeps them.
 */
public final class RawEvents {
    public static final TableIdentifier ID = TableIdentifier.of("raw", "events");

    public static final Schema SCHEMA = new Schema(
            required(1, "event_id", Types.StringType.get()),
            required(2, "type", Types.StringType.get()),
            required(3, "program", Types.StringType.get()),
            required(4, "occurred_at", Types.TimestampType.withZone()),
            optional(5, "source", Types.StringType.get()),
            optional(6, "identifiers", Types.StructType.of(
                    optional(12, "email", Types.StringType.get()),
                    optional(13, "phone", Types.StringType.get()),
                    optional(14, "card", Types.StringType.get()),
                    optional(15, "crm_id", Types.StringType.get()),
                    optional(16, "device_id", Types.StringType.get()))),
            optional(7, "payload", Types.StringType.get(), "payload JSON as received"),
            required(8, "ingested_at", Types.TimestampType.withZone()),
            optional(9, "kafka_topic", Types.StringType.get()),
            optional(10, "kafka_partition", Types.IntegerType.get()),
            optional(11, "kafka_offset", Types.LongType.get()));

    public static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA)
            .day("occurred_at")
            .identity("program")
            .build();

    public static final TableDefinition DEFINITION = new TableDefinition(ID, SCHEMA, SPEC, Map.of(
            "format-version", "2",
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "zstd"));

    private RawEvents() {
    }
}
