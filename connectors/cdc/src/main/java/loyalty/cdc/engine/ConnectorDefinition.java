package loyalty.cdc.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import loyalty.contract.event.EventJson;

/**
 * The connector JSON as Kafka Connect's REST API takes it ({@code {"name": ..., "config": {...}}}). Connection
 * values in it are config-provider placeholders ({@code ${env:PG_HOST}}) that Kafka Connect resolves from its
 * environment; the embedded runner resolves them from values it is given instead.
 */
public record ConnectorDefinition(String name, Map<String, String> config) {
    /** Classpath location of the shared connector JSON (connectors/config/debezium/postgres-connector.json). */
    public static final String RESOURCE = "/loyalty/config/debezium/postgres-connector.json";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+):(?:([^}:]*):)?([^}]*)}");

    public ConnectorDefinition {
        config = Map.copyOf(config);
    }

    public static ConnectorDefinition load() {
        try (InputStream in = ConnectorDefinition.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("connector JSON missing from the classpath: " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ConnectorDefinition parse(String json) {
        JsonNode tree;
        try {
            tree = EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("connector JSON is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.path("name").isTextual() || !tree.path("config").isObject()) {
            throw new IllegalArgumentException("connector JSON needs a \"name\" string and a \"config\" object");
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.get("config").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new IllegalArgumentException("connector config value of " + e.getKey() + " must be a string");
            }
            config.put(e.getKey(), e.getValue().asText());
        }
        return new ConnectorDefinition(tree.get("name").asText(), config);
    }

    /** The placeholder names used, e.g. PG_HOST for {@code ${env:PG_HOST}}. */
    public Set<String> placeholders() {
        Set<String> names = new TreeSet<>();
        config.values().forEach(v -> {
            Matcher m = PLACEHOLDER.matcher(v);
            while (m.find()) {
                names.add(m.group(3));
            }
        });
        return names;
    }

    /**
     * Replaces every {@code ${env:NAME}} with {@code values.get(NAME)} and drops the config-provider settings, which
     * then have nothing left to resolve. Fails, naming them, when a placeholder has no value or another provider is
     * used.
     */
    public ConnectorDefinition resolve(Map<String, String> values) {
        Set<String> missing = new TreeSet<>();
        Map<String, String> resolved = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (key.equals("config.providers") || key.startsWith("config.providers.")) {
                return;
            }
            Matcher m = PLACEHOLDER.matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                if (!"env".equals(m.group(1))) {
                    throw new IllegalArgumentException("only ${env:...} placeholders can be resolved here, found "
                            + m.group() + " in " + key);
                }
                String replacement = values.get(m.group(3));
                if (replacement == null) {
                    missing.add(m.group(3));
                    replacement = "";
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            resolved.put(key, out.toString());
        });
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no value given for connector placeholder(s) " + missing);
        }
        return new ConnectorDefinition(name, resolved);
    }

    /** The SMT chain ({@code transforms*}, {@code predicates*}), which the runner applies itself. */
    Map<String, String> transformSettings() {
        Map<String, String> out = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (isTransformSetting(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Everything else: the connector's own settings. */
    Map<String, String> connectorSettings() {
        Map<String, String> out = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (!isTransformSetting(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static boolean isTransformSetting(String key) {
        return key.equals("transforms") || key.startsWith("transforms.")
                || key.equals("predicates") || key.startsWith("predicates.");
    }
}
