package loyalty.stack.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Static checks of the repository's docker-compose.yml, without Docker: the file parses, images are pinned, every
 * bind-mounted file is in the repository, ports and dependencies are consistent, and Trino gets every variable its
 * catalog file asks for.
 */
class ComposeFileTest {
    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{ENV:([^}]+)}");

    private static Path repo;
    private static JsonNode compose;

    @BeforeAll
    static void parse() throws IOException {
        repo = repoRoot();
        compose = new YAMLMapper().readTree(repo.resolve("docker-compose.yml").toFile());
    }

    @Test
    void parsesAndDefinesTheScaleOutServices() {
        assertThat(names(compose.path("services"))).contains("kafka", "connect", "connect-init",
                "flink-jobmanager", "flink-taskmanager", "postgres", "lakehouse-catalog-init", "minio", "minio-init",
                "trino", "jupyter");
    }

    @Test
    void everyServiceRunsAnImagePinnedToAVersion() {
        for (Map.Entry<String, JsonNode> service : compose.path("services").properties()) {
            String image = service.getValue().path("image").asText("");
            assertThat(image).as("image of %s", service.getKey()).isNotBlank();
            String lastSegment = image.substring(image.lastIndexOf('/') + 1);
            if (!lastSegment.contains("@sha256:")) {
                assertThat(lastSegment).as("tag of %s's image %s", service.getKey(), image).contains(":");
                String tag = lastSegment.substring(lastSegment.indexOf(':') + 1);
                assertThat(tag).as("tag of %s's image %s", service.getKey(), image)
                        .isNotBlank().isNotEqualToIgnoringCase("latest").matches(".*\\d.*");
            }
        }
    }

    @Test
    void everyBindMountedPathIsInTheRepository() {
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, JsonNode> service : compose.path("services").properties()) {
            for (JsonNode volume : service.getValue().path("volumes")) {
                String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
                boolean bind = volume.isTextual() ? source.startsWith(".") || source.startsWith("/")
                        : "bind".equals(volume.path("type").asText());
                if (!bind) {
                    assertThat(names(compose.path("volumes"))).as("named volume %s of %s", source, service.getKey())
                            .contains(source);
                    continue;
                }
                assertThat(source).as("%s mounts %s: keep mounts inside the repository", service.getKey(), source)
                        .startsWith("./");
                Path path = repo.resolve(source).normalize();
                int target = source.indexOf("/target");
                if (target >= 0) {
                    // A build output: it exists after `mvn install`; its module must exist now.
                    Path module = repo.resolve(source.substring(0, target)).normalize();
                    assertThat(module.resolve("pom.xml")).as("module of %s mounted by %s", source, service.getKey())
                            .isRegularFile();
                } else {
                    assertThat(path).as("%s mounted by %s", source, service.getKey()).exists();
                }
                checked.add(source);
            }
        }
        assertThat(checked).contains("./lakehouse/trino/etc",
                "./connectors/config/debezium/postgres-connector.json",
                "./connectors/config/postgres/operational-schema.sql", "./notebooks", "./flink-jobs/target");
    }

    @Test
    void publishedHostPortsAreUnique() {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (Map.Entry<String, JsonNode> service : compose.path("services").properties()) {
            for (JsonNode port : service.getValue().path("ports")) {
                String published = hostPort(port);
                if (!seen.add(published)) {
                    duplicates.add(service.getKey() + ":" + published);
                }
            }
        }
        assertThat(seen).contains("8080", "9092", "5432", "9000", "8081", "8083", "8888");
        assertThat(duplicates).isEmpty();
    }

    @Test
    void dependenciesNameExistingServices() {
        Set<String> services = names(compose.path("services"));
        for (Map.Entry<String, JsonNode> service : compose.path("services").properties()) {
            JsonNode dependsOn = service.getValue().path("depends_on");
            Set<String> targets = dependsOn.isArray() ? texts(dependsOn) : names(dependsOn);
            assertThat(services).as("depends_on of %s", service.getKey()).containsAll(targets);
            assertThat(targets).as("%s depends on itself", service.getKey()).doesNotContain(service.getKey());
        }
    }

    @Test
    void trinoGetsEveryVariableItsConfigurationAsksFor() throws IOException {
        JsonNode trino = compose.path("services").path("trino");
        Set<String> asked = new TreeSet<>();
        try (Stream<Path> files = Files.walk(repo.resolve("lakehouse/trino/etc"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(file)) {
                    Matcher m = ENV_PLACEHOLDER.matcher(line);
                    while (!line.strip().startsWith("#") && m.find()) {
                        asked.add(m.group(1));
                    }
                }
            }
        }
        assertThat(asked).contains("LOYALTY_CATALOG_JDBC_URL", "LOYALTY_WAREHOUSE");
        assertThat(names(trino.path("environment"))).containsAll(asked);
        assertThat(trino.path("environment").path("LOYALTY_CATALOG_JDBC_URL").asText())
                .isEqualTo("jdbc:postgresql://postgres:5432/lakehouse");
    }

    private static String hostPort(JsonNode port) {
        if (port.isObject()) {
            return port.path("published").asText();
        }
        String[] parts = port.asText().split("/")[0].split(":");
        // "8080:8080" or "127.0.0.1:8080:8080"; a lone container port publishes nothing fixed.
        return parts.length >= 2 ? parts[parts.length - 2] : "ephemeral-" + parts[0];
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
    }
}
