package loyalty.stack.trino;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrinoJavaTest {
    @TempDir
    Path jdks;

    @Test
    void readsTheMajorVersionFromAJdkReleaseFile() throws Exception {
        assertThat(TrinoJava.majorVersion(jdk("temurin-25", "JAVA_VERSION=\"25.0.3\""))).hasValue(25);
        assertThat(TrinoJava.majorVersion(jdk("openjdk-17", "IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"17.0.15\"")))
                .hasValue(17);
        assertThat(TrinoJava.majorVersion(jdk("legacy-8", "JAVA_VERSION=\"1.8.0_402\""))).hasValue(8);
        assertThat(TrinoJava.majorVersion(jdk("early-access", "JAVA_VERSION=\"26\""))).hasValue(26);
        assertThat(TrinoJava.majorVersion(jdks.resolve("no-such-jdk"))).isEmpty();
    }

    @Test
    void whatItFindsIsAJava24PlusExecutable() {
        TrinoServer.findJava().ifPresent(java -> {
            assertThat(java).isExecutable();
            assertThat(TrinoJava.majorVersion(java.getParent().getParent()).orElse(0))
                    .isGreaterThanOrEqualTo(TrinoJava.MIN_VERSION);
        });
        assertThat(TrinoJava.missingMessage())
                .isEqualTo("Trino 476 needs Java 24 or newer; none found under /usr/lib/jvm: install one"
                        + " (e.g. Temurin 25) or set LOYALTY_TRINO_JAVA_HOME");
    }

    private Path jdk(String name, String release) throws Exception {
        Path home = Files.createDirectories(jdks.resolve(name));
        Files.writeString(home.resolve("release"), release + "\n");
        return home;
    }
}
