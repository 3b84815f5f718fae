package loyalty.cdc.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the embedded runner needs: the shared connector JSON, values for its {@code ${env:...}} placeholders, the
 * Kafka to write to, and where to keep Debezium's offsets.
 *
 * @param connector    the connector definition, normally {@link ConnectorDefinition#load()}
 * @param placeholders values for the placeholders: {@value #PG_HOST}, {@value #PG_PORT}, {@value #PG_USER},
 *                     {@value #PG_PASSWORD}, {@value #PG_DATABASE}
 * @param overrides    connector or engine settings that win over the JSON (e.g. another slot name in a test)
 * @param startTimeout how long {@link CdcRunner#start} waits for the connector task to start
 */
public record CdcConfig(ConnectorDefinition connector, Map<String, String> placeholders, String bootstrapServers,
                        Path offsetsFile, Map<String, String> overrides, Duration startTimeout) {
    public static final String PG_HOST = "PG_HOST";
    public static final String PG_PORT = "PG_PORT";
    public static final String PG_USER = "PG_USER";
    public static final String PG_PASSWORD = "PG_PASSWORD";
    public static final String PG_DATABASE = "PG_DATABASE";

    public CdcConfig {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(offsetsFile, "offsetsFile");
        placeholders = Map.copyOf(placeholders);
        overrides = Map.copyOf(overrides);
        startTimeout = startTimeout == null ? Duration.ofSeconds(60) : startTimeout;
    }

    /** The shared connector JSON against a PostgreSQL the caller knows (the local stack's). */
    public static CdcConfig of(String pgHost, int pgPort, String pgUser, String pgPassword, String pgDatabase,
                               String bootstrapServers, Path offsetsFile) {
        return new CdcConfig(ConnectorDefinition.load(),
                Map.of(PG_HOST, pgHost, PG_PORT, Integer.toString(pgPort), PG_USER, pgUser, PG_PASSWORD, pgPassword,
                        PG_DATABASE, pgDatabase),
                bootstrapServers, offsetsFile, Map.of(), null);
    }

    public CdcConfig withOverrides(Map<String, String> settings) {
        return new CdcConfig(connector, placeholders, bootstrapServers, offsetsFile, settings, startTimeout);
    }

    public CdcConfig withStartTimeout(Duration timeout) {
        return new CdcConfig(connector, placeholders, bootstrapServers, offsetsFile, overrides, timeout);
    }
}
