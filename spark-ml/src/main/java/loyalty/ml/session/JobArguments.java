package loyalty.ml.session;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import loyalty.lakehouse.catalog.LakehouseConfig;

/**
 * The command line of every Spark job's {@code main}, as {@code --name value} pairs, optionally from a properties
 * file given with {@code --config <file>} (arguments win over the file). The names are those of the Flink jobs:
 * <ul>
 *   <li>{@code --catalog-uri}, {@code --catalog-user}, {@code --catalog-password}: the Iceberg JDBC catalog, e.g.
 *       {@code jdbc:postgresql://127.0.0.1:5432/lakehouse} (required)</li>
 *   <li>{@code --warehouse}: e.g. {@code file:///data/warehouse} (required)</li>
 *   <li>{@code --master}: a Spark master URL (optional; see {@link LoyaltySpark#session(LakehouseConfig, String)})</li>
 * </ul>
 *
 * @param master null when not given
 */
public record JobArguments(LakehouseConfig lakehouse, String master) {
    private static final Set<String> NAMES = Set.of("config", "catalog-uri", "catalog-user", "catalog-password",
            "warehouse", "master");

    /** @throws IllegalArgumentException naming the first unknown, missing or malformed argument */
    public static JobArguments parse(String... args) {
        Properties given = pairs(args);
        Properties merged = new Properties();
        String configFile = given.getProperty("config");
        if (configFile != null) {
            merged.putAll(file(Path.of(configFile)));
        }
        merged.putAll(given);
        for (String name : merged.stringPropertyNames()) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown setting --" + name + "; known: " + NAMES);
            }
        }
        LakehouseConfig lakehouse = new LakehouseConfig(required(merged, "catalog-uri"),
                required(merged, "catalog-user"), required(merged, "catalog-password"), required(merged, "warehouse"));
        String master = merged.getProperty("master");
        return new JobArguments(lakehouse, master == null || master.isBlank() ? null : master.trim());
    }

    /** What is safe to log: everything but the catalog password. */
    public Map<String, String> describe() {
        return Map.of(
                "catalog-uri", lakehouse.jdbcUrl(),
                "catalog-user", lakehouse.user(),
                "warehouse", lakehouse.warehouse(),
                "master", String.valueOf(master));
    }

    private static Properties pairs(String[] args) {
        Properties p = new Properties();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || name.length() == 2) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + name + "' at position "
                        + (i + 1));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            p.setProperty(name.substring(2), args[i + 1]);
        }
        return p;
    }

    private static Properties file(Path path) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(reader);
            return p;
        } catch (IOException e) {
            throw new IllegalArgumentException("--config: cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String name) {
        String value = p.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing setting --" + name);
        }
        return value.trim();
    }
}
