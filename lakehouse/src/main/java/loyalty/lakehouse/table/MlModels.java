package loyalty.lakehouse.table;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * {@code ml.models}: the model registry, one row per trained model, append-only. A training run registers every
 * kind it fitted under one version and marks the one with the best holdout AUC-ROC as {@code selected}: scoring
 * takes the selected model of the newest version. The fitted spark.ml PipelineModel lives at {@code path}, under the
 * warehouse.
 */
public final class MlModels {
    public static final TableIdentifier ID = TableIdentifier.of("ml", "models");

    public static final Schema SCHEMA = new Schema(
            required(1, "model_id", Types.StringType.get(), "name-version-kind"),
            required(2, "name", Types.StringType.get(), "churn | propensity"),
            required(3, "kind", Types.StringType.get(), "recency_baseline | logistic_regression | gbt"),
            required(4, "version", Types.StringType.get(), "1, 2, … per name"),
            required(5, "trained_at", Types.TimestampType.withZone()),
            required(6, "parameters", Types.StringType.get(), "JSON: the chosen hyper-parameters and the grid"),
            required(7, "metrics", Types.StringType.get(), "JSON: holdout AUC-ROC, AUC-PR, lift and calibration"),
            required(8, "source_snapshots", Types.StringType.get(), "JSON: table → Iceberg snapshot id read"),
            required(9, "path", Types.StringType.get(), "the saved PipelineModel"),
            required(10, "train_cutoff", Types.TimestampType.withZone()),
            required(11, "holdout_cutoff", Types.TimestampType.withZone()),
            required(12, "selected", Types.BooleanType.get(), "the model scoring uses for this version"),
            optional(13, "auc_roc", Types.DoubleType.get(), "on the holdout, also in metrics"));

    public static final PartitionSpec SPEC = PartitionSpec.unpartitioned();

    public static final TableDefinition DEFINITION = new TableDefinition(ID, SCHEMA, SPEC, Map.of(
            "format-version", "2",
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "zstd"));

    private MlModels() {
    }
}
