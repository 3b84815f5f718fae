package loyalty.ml.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The argument file `loyalty train` / `loyalty score` start the Spark JVM with holds exactly Spark's options. */
class SparkJvmOptionsFileTest {
    @Test
    void theArgumentFileListsTheOptionsLoyaltySparkRequires() throws Exception {
        assertThat(Files.readAllLines(Path.of("spark-jvm.options")).stream().filter(l -> !l.isBlank()))
                .containsExactlyElementsOf(LoyaltySpark.JAVA_OPTIONS);
    }
}
