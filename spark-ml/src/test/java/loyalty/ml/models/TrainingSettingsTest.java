package loyalty.ml.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import loyalty.ml.session.JobArguments;
import org.apache.spark.ml.Pipeline;
import org.junit.jupiter.api.Test;

class TrainingSettingsTest {
    private static final String[] CATALOG = {
            "--catalog-uri", "jdbc:postgresql://127.0.0.1:5432/lakehouse",
            "--catalog-user", "loyalty",
            "--catalog-password", "secret",
            "--warehouse", "file:///data/warehouse"};

    @Test
    void theTrainJobTakesThePresetByNameAndRefusesAnUnknownOne() {
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(CATALOG),
                java.util.stream.Stream.of("--preset", "quick")).toArray(String[]::new);
        JobArguments arguments = JobArguments.parse(TrainJob.SETTINGS, args);

        assertThat(arguments.option("preset").map(TrainingSettings::byName)).contains(TrainingSettings.QUICK);
        assertThat(TrainingSettings.byName("FULL")).isEqualTo(TrainingSettings.FULL);
        assertThatThrownBy(() -> TrainingSettings.byName("fast")).hasMessageContaining("known: full, quick");
    }

    @Test
    void theQuickSearchIsSmallerThanTheFullOneAndReachesTheTrees() {
        assertThat(TrainingSettings.QUICK.folds()).isLessThan(TrainingSettings.FULL.folds());
        Pipeline quick = ModelKind.GBT.pipeline("churned_90d", TrainingSettings.QUICK);
        Pipeline full = ModelKind.GBT.pipeline("churned_90d", TrainingSettings.FULL);
        assertThat(ModelKind.GBT.grid(quick, TrainingSettings.QUICK)).hasSize(1);
        assertThat(ModelKind.GBT.grid(full, TrainingSettings.FULL)).hasSize(2);
        assertThat(ModelKind.LOGISTIC_REGRESSION.grid(ModelKind.LOGISTIC_REGRESSION.pipeline("churned_90d",
                TrainingSettings.QUICK), TrainingSettings.QUICK)).hasSize(2);
        assertThat(((org.apache.spark.ml.classification.GBTClassifier) quick.getStages()[2]).getMaxIter())
                .isEqualTo(TrainingSettings.QUICK.gbtIterations());
        assertThatThrownBy(() -> new TrainingSettings("x", 1, List.of(0.1), List.of(2), 10))
                .hasMessageContaining("folds");
    }
}
