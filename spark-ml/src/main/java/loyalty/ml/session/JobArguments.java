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
 * A job may accept settings of its own ({@link #parse(Set, String...)}); they come back in {@link #option}.
 *
 * @param master  null when not given
 * @param options the job's own settings that were given, by name without the dashes
 */
public record JobArguments(LakehouseConfig lakehouse, String master, Map<String, String> options) {
    private static final Set<String> NAMES = Set.of("config", "catalog-uri", "catalog-user", "catalog-password",
            "warehouse", "master");

    public JobArguments {
        options = Map.copyOf(options);
    }

    /** @throws IllegalArgumentException naming the first unknown, missing or malformed argument */
    public static JobArguments parse(String... args) {
        return parse(Set.of(), args);
    }

    /**
     * @param jobNames the settings this job accepts besides the common ones
     * @throws IllegalArgumentException naming the first unknown, missing or malformed argument
     */
    public static JobArguments parse(Set<String> jobNames, String... args) {
        Properties given = pairs(args);
        Properties merged = new Properties();
        String configFile = given.getProperty("config");
        if (configFile != null) {
            merged.putAll(file(Path.of(configFile)));
        }
        merged.putAll(given);
        for (String name : merged.stringPropertyNames()) {
            if (!NAMES.contains(name) && !jobNames.contains(name)) {
                throw new IllegalArgumentException("unknown setting --" + name + "; known: " + NAMES
                        + (jobNames.isEmpty() ? "" : " and " + new java.util.TreeSet<>(jobNames)));
            }
        }
        LakehouseConfig lakehouse = new LakehouseConfig(required(merged, "catalog-uri"),
                required(merged, "catalog-user"), required(merged, "catalog-password"), required(merged, "warehouse"));
        String master = merged.getProperty("master");
        Map<String, String> options = new java.util.HashMap<>();
        for (String name : jobNames) {
            String value = merged.getProperty(name);
            if (value != null && !value.isBlank()) {
                options.put(name, value.trim());
            }
        }
        return new JobArguments(lakehouse, master == null || master.isBlank() ? null : master.trim(), options);
    }

    /** A job setting, if given. */
    public java.util.Optional<String> option(String name) {
        return java.util.Optional.ofNullable(options.get(name));
    }

    /** What is safe to log: everything but the catalog password. */
    public Map<String, String> describe() {
        Map<String, String> safe = new java.util.TreeMap<>(options);
        safe.put("catalog-uri", lakehouse.jdbcUrl());
        safe.put("catalog-user", lakehouse.user());
        safe.put("warehouse", lakehouse.warehouse());
        safe.put("master", String.valueOf(master));
        return safe;
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
