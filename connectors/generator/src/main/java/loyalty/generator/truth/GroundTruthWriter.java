package loyalty.generator.truth;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import loyalty.contract.event.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes {@value #GROUND_TRUTH} (one JSON record per line) and {@value #MANIFEST} (pretty-printed). */
public final class GroundTruthWriter {
    public static final String GROUND_TRUTH = "ground-truth.jsonl";
    public static final String MANIFEST = "manifest.json";
    private static final Logger LOG = LoggerFactory.getLogger(GroundTruthWriter.class);

    private GroundTruthWriter() {
    }

    public static void write(Path dir, List<GroundTruthRecord> records, Manifest manifest) throws IOException {
        Files.createDirectories(dir);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(GROUND_TRUTH)), 1 << 16)) {
            for (GroundTruthRecord record : records) {
                out.write(EventJson.toBytes(record));
                out.write('\n');
            }
        }
        ObjectWriter pretty = EventJson.mapper().writerWithDefaultPrettyPrinter();
        Files.write(dir.resolve(MANIFEST), pretty.writeValueAsBytes(manifest));
        LOG.debug("event=ground_truth_written records={} dir={}", records.size(), dir);
    }

    public static Manifest readManifest(Path dir) throws IOException {
        return EventJson.mapper().readValue(dir.resolve(MANIFEST).toFile(), Manifest.class);
    }
}
