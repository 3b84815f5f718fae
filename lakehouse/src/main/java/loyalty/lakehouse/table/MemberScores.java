package loyalty.lakehouse.table;

import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * {@code ml.member_scores}: a model's score for each member at a cutoff, append-only (SPEC §11); every row is also
 * published as an {@code ml.scored} event. Scoring the same cutoff with the same model again replaces its rows.
 * Partitioned by model and day of the cutoff.
 */
public final class MemberScores {
    public static final TableIdentifier ID = TableIdentifier.of("ml", "member_scores");

    public static final Schema SCHEMA = new Schema(
            required(1, "program", Types.StringType.get()),
            required(2, "member_id", Types.StringType.get()),
            required(3, "model", Types.StringType.get(), "churn | propensity"),
            required(4, "model_version", Types.StringType.get()),
            required(5, "score", Types.DoubleType.get(), "in [0, 1]"),
            required(6, "scored_at", Types.TimestampType.withZone()),
            required(7, "cutoff", Types.TimestampType.withZone()),
            required(8, "model_id", Types.StringType.get(), "the ml.models row"));

    public static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA)
            .identity("model")
            .day("cutoff")
            .build();

    public static final TableDefinition DEFINITION = new TableDefinition(ID, SCHEMA, SPEC, Map.of(
            "format-version", "2",
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "zstd"));

    private MemberScores() {
    }
}
