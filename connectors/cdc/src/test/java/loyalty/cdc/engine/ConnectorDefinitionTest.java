package loyalty.cdc.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorDefinitionTest {
    private static final Map<String, String> LOCAL = Map.of("PG_HOST", "127.0.0.1", "PG_PORT", "5433",
            "PG_USER", "loyalty", "PG_PASSWORD", "secret", "PG_DATABASE", "shop");

    @Test
    void sharedJsonNamesTheConnectionByPlaceholdersAndTheTransformByClass() {
        ConnectorDefinition json = ConnectorDefinition.load();

        assertThat(json.name()).isEqualTo("loyalty-shop-cdc");
        assertThat(json.placeholders()).containsExactly("PG_DATABASE", "PG_HOST", "PG_PASSWORD", "PG_PORT", "PG_USER");
        assertThat(json.config()).containsEntry("config.providers", "env")
                .containsEntry("transforms.canonical.type", "loyalty.cdc.transform.CanonicalEventTransform")
                .containsEntry("decimal.handling.mode", "string")
                .containsEntry("snapshot.mode", "initial");
    }

    @Test
    void resolvesPlaceholdersFromGivenValuesAndDropsTheProviders() {
        ConnectorDefinition resolved = ConnectorDefinition.load().resolve(LOCAL);

        assertThat(resolved.config()).containsEntry("database.hostname", "127.0.0.1")
                .containsEntry("database.port", "5433").containsEntry("database.password", "secret")
                .doesNotContainKeys("config.providers", "config.providers.env.class");
        assertThat(resolved.transformSettings()).containsOnlyKeys("transforms", "transforms.canonical.type");
        assertThat(resolved.connectorSettings()).doesNotContainKeys("transforms", "transforms.canonical.type")
                .containsKey("connector.class");
    }

    @Test
    void namesEveryMissingPlaceholder() {
        assertThatThrownBy(() -> ConnectorDefinition.load().resolve(Map.of("PG_HOST", "h")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[PG_DATABASE, PG_PASSWORD, PG_PORT, PG_USER]");
    }

    @Test
    void refusesProvidersItCannotResolve() {
        ConnectorDefinition json = ConnectorDefinition.parse(
                "{\"name\": \"x\", \"config\": {\"database.password\": \"${file:/secrets.properties:pg}\"}}");

        assertThatThrownBy(() -> json.resolve(LOCAL)).hasMessageContaining("${file:/secrets.properties:pg}");
    }

    @Test
    void refusesJsonWithoutNameOrConfig() {
        assertThatThrownBy(() -> ConnectorDefinition.parse("{\"config\": {}}"))
                .hasMessageContaining("\"name\"");
        assertThatThrownBy(() -> ConnectorDefinition.parse("{\"name\": \"x\", \"config\": {\"a\": {\"b\": 1}}}"))
                .hasMessageContaining("a must be a string");
    }
}
