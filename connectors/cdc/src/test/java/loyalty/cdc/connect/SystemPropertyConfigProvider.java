package loyalty.cdc.connect;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;

/**
 * Stands in for Kafka's EnvVarConfigProvider in a test worker: a JVM cannot set its own environment, so the
 * connector JSON's {@code ${env:PG_HOST}} placeholders are answered from system properties instead.
 */
public final class SystemPropertyConfigProvider implements ConfigProvider {
    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public ConfigData get(String path) {
        Map<String, String> all = new HashMap<>();
        System.getProperties().forEach((k, v) -> all.put(k.toString(), v.toString()));
        return new ConfigData(all);
    }

    @Override
    public ConfigData get(String path, Set<String> keys) {
        Map<String, String> values = new HashMap<>();
        for (String key : keys) {
            String value = System.getProperty(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return new ConfigData(values);
    }

    @Override
    public void close() {
    }
}
