package loyalty.generator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import loyalty.contract.event.EventJson;
import loyalty.generator.feed.FeedLine;

/** Generated programs shared by the test classes of one JVM (generation is pure, so sharing is safe). */
final class Generated {
    static final GeneratorConfig DEFAULT = GeneratorConfig.defaults(42);
    private static final Map<GeneratorConfig, GeneratedProgram> CACHE = new HashMap<>();

    private Generated() {
    }

    static synchronized GeneratedProgram of(GeneratorConfig config) {
        return CACHE.computeIfAbsent(config, Generator::generate);
    }

    static GeneratedProgram standard() {
        return of(DEFAULT);
    }

    static JsonNode json(FeedLine line) {
        try {
            return EventJson.mapper().readTree(line.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
