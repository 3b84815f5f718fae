package loyalty.ml.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import loyalty.lakehouse.catalog.LakehouseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobArgumentsTest {
    private static final String[] CATALOG = {
            "--catalog-uri", "jdbc:postgresql://127.0.0.1:5432/lakehouse",
            "--catalog-user", "loyalty",
            "--catalog-password", "secret",
            "--warehouse", "file:///data/warehouse"};

    @Test
    void readsTheCatalogAndLeavesTheMasterToSparkSubmitWhenAbsent() {
        JobArguments arguments = JobArguments.parse(CATALOG);

        assertThat(arguments.lakehouse()).isEqualTo(new LakehouseConfig("jdbc:postgresql://127.0.0.1:5432/lakehouse",
                "loyalty", "secret", "file:///data/warehouse"));
        assertThat(arguments.master()).isNull();
        assertThat(arguments.describe()).doesNotContainValue("secret");
    }

    @Test
    void argumentsWinOverTheConfigFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spark.properties");
        Files.writeString(file, String.join("\n",
                "catalog-uri=jdbc:postgresql://db:5432/lakehouse",
                "catalog-user=loyalty",
                "catalog-password=secret",
                "warehouse=s3://bucket/warehouse",
                "master=spark://cluster:7077"));

        JobArguments arguments = JobArguments.parse("--config", file.toString(), "--master", "local[1]");

        assertThat(arguments.lakehouse().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/lakehouse");
        assertThat(arguments.lakehouse().warehouse()).isEqualTo("s3://bucket/warehouse");
        assertThat(arguments.master()).isEqualTo("local[1]");
    }

    @Test
    void namesWhatIsMissingOrUnknown() {
        assertThatThrownBy(() -> JobArguments.parse("--catalog-uri", "jdbc:postgresql://h/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing setting --catalog-user");
        assertThatThrownBy(() -> JobArguments.parse("--catalog-url", "jdbc:postgresql://h/db"))
                .hasMessageContaining("unknown setting --catalog-url");
        assertThatThrownBy(() -> JobArguments.parse("--warehouse"))
                .hasMessage("missing value after --warehouse");
        assertThatThrownBy(() -> JobArguments.parse("warehouse", "x"))
                .hasMessageContaining("expected --name value pairs");
    }
}
