package loyalty.stack.trino;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import loyalty.stack.StackException;

/**
 * Trino's configuration folder as the local launcher uses it: a copy of {@code lakehouse/trino/etc} (the files
 * docker-compose mounts), taken from the classpath and rewritten at every start so edits in the repo take effect.
 * Values that differ per environment stay {@code ${ENV:NAME}} placeholders, which Trino resolves itself.
 */
final class TrinoEtc {
    static final List<String> FILES = List.of(
            "config.properties", "jvm.config", "node.properties", "log.properties", "catalog/iceberg.properties",
            "access-control.properties", "rules.json", "group-provider.properties", "groups.txt");
    private static final String RESOURCE_ROOT = "/loyalty/trino/etc/";
    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{ENV:([^}]+)}");

    private final Path dir;

    private TrinoEtc(Path dir) {
        this.dir = dir;
    }

    static TrinoEtc writeTo(Path dir) {
        try {
            for (String file : FILES) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                Files.writeString(target, resource(file), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new StackException("cannot write Trino's configuration into " + dir + ": " + e.getMessage(), e);
        }
        return new TrinoEtc(dir);
    }

    static String resource(String file) {
        try (InputStream in = TrinoEtc.class.getResourceAsStream(RESOURCE_ROOT + file)) {
            if (in == null) {
                throw new StackException("Trino configuration " + RESOURCE_ROOT + file + " is missing from the"
                        + " classpath: rebuild runtime/stack (it packages lakehouse/trino/etc).");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("cannot read Trino configuration " + file + ": " + e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    Path configProperties() {
        return dir.resolve("config.properties");
    }

    Path logProperties() {
        return dir.resolve("log.properties");
    }

    Path catalogDir() {
        return dir.resolve("catalog");
    }

    /** The JVM options of jvm.config, one per non-comment line, as Trino's own launcher reads them. */
    List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        for (String line : resource("jvm.config").split("\n")) {
            String option = line.strip();
            if (!option.isEmpty() && !option.startsWith("#")) {
                options.add(option);
            }
        }
        return options;
    }

    /** node.properties as the container's launcher would pass them, before local overrides. */
    Properties nodeProperties() {
        Properties props = new Properties();
        try {
            props.load(new StringReader(resource("node.properties")));
        } catch (IOException e) {
            throw new StackException("cannot read Trino's node.properties: " + e.getMessage(), e);
        }
        return props;
    }

    /** Every {@code ${ENV:NAME}} the files use, so a missing variable is reported before Trino starts. */
    static Set<String> environmentVariables() {
        Set<String> names = new TreeSet<>();
        for (String file : FILES) {
            for (String line : resource(file).split("\n")) {
                if (line.strip().startsWith("#")) {
                    continue; // comments may mention the syntax itself
                }
                Matcher m = ENV_PLACEHOLDER.matcher(line);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    static void requireEnvironment(Map<String, String> env) {
        Set<String> missing = new TreeSet<>();
        for (String name : environmentVariables()) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new StackException("Trino's configuration needs the environment variable(s) "
                    + String.join(", ", missing) + ": pass them in the catalog environment (see TrinoCatalogEnv).");
        }
    }
}
