package loyalty.ml.models;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.MlModels;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ml.models}: where trained models are registered and found again. The PipelineModel files live under the
 * warehouse ({@code <warehouse>/ml/model_files/<name>/<version>/<kind>}), so whatever holds the warehouse holds the
 * models too; not inside a table's folder, whose orphan-file cleanup would delete them.
 */
public final class ModelRegistry {
    public static final String TABLE = LakehouseConfig.CATALOG_NAME + "." + MlModels.ID;
    private final SparkSession spark;

    public ModelRegistry(SparkSession spark) {
        this.spark = spark;
    }

    /** The next version of a model name: one more than the highest registered, 1 for the first. */
    public String nextVersion(String name) {
        Row row = spark.sql("SELECT max(CAST(version AS INT)) FROM " + TABLE + " WHERE name = '" + name + "'")
                .first();
        return String.valueOf(row.isNullAt(0) ? 1 : row.getInt(0) + 1);
    }

    /** Where a model's PipelineModel is saved. */
    public String pathFor(String name, String version, ModelKind kind) {
        String warehouse = spark.conf().get("spark.sql.catalog." + LakehouseConfig.CATALOG_NAME + ".warehouse");
        return warehouse.replaceAll("/+$", "") + "/ml/model_files/" + name + "/" + version + "/" + kind.id();
    }

    /** One row per trained model: {@code (model, its row's JSON columns)}. */
    public void register(List<Registration> registrations) {
        List<Row> rows = registrations.stream().map(r -> RowFactory.create(r.model().modelId(), r.model().name(),
                r.model().kind().id(), r.model().version(), r.model().trainedAt(), r.parametersJson(),
                r.metricsJson(), r.sourceSnapshotsJson(), r.model().path(), r.trainCutoff(), r.holdoutCutoff(),
                r.model().selected(), r.model().aucRoc())).toList();
        try {
            spark.createDataFrame(rows, SparkSchemaUtil.convert(MlModels.SCHEMA)).writeTo(TABLE).append();
        } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new IllegalStateException(TABLE + " does not exist: run Lakehouse.ensureTables() first", e);
        }
    }

    /** A model with what ml.models stores about its training. */
    public record Registration(RegisteredModel model, String parametersJson, String metricsJson,
                               String sourceSnapshotsJson, Instant trainCutoff, Instant holdoutCutoff) {
    }

    /** The selected model of the newest version of {@code name}, or of a given kind of it. */
    public Optional<RegisteredModel> newest(String name, Optional<ModelKind> kind) {
        String filter = kind.map(k -> "kind = '" + k.id() + "'").orElse("selected");
        List<Row> rows = spark.sql("SELECT model_id, name, kind, version, trained_at, path, selected, auc_roc FROM "
                + TABLE + " WHERE name = '" + name + "' AND " + filter
                + " ORDER BY CAST(version AS INT) DESC, trained_at DESC LIMIT 1").collectAsList();
        return rows.stream().findFirst().map(r -> new RegisteredModel(r.getString(0), r.getString(1),
                ModelKind.byId(r.getString(2)), r.getString(3), (Instant) r.get(4), r.getString(5), r.getBoolean(6),
                r.isNullAt(7) ? Double.NaN : r.getDouble(7)));
    }

    /** Loads the fitted pipeline of a registered model. */
    public PipelineModel load(RegisteredModel model) {
        return PipelineModel.load(model.path());
    }
}
