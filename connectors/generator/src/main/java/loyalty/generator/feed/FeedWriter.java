package loyalty.generator.feed;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the feed files ({@code pos.jsonl}, {@code web.jsonl}, {@code app.jsonl}): one line per record, LF-ended. */
public final class FeedWriter {
    private static final Logger LOG = LoggerFactory.getLogger(FeedWriter.class);

    private FeedWriter() {
    }

    /** Writes every feed into {@code dir} (created if missing) and returns the file of each source. */
    public static Map<FeedSource, Path> write(Path dir, Map<FeedSource, List<FeedLine>> feeds) throws IOException {
        Files.createDirectories(dir);
        Map<FeedSource, Path> files = new EnumMap<>(FeedSource.class);
        for (Map.Entry<FeedSource, List<FeedLine>> feed : feeds.entrySet()) {
            Path file = dir.resolve(feed.getKey().fileName());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                for (FeedLine line : feed.getValue()) {
                    out.write(line.bytes());
                    out.write('\n');
                }
            }
            files.put(feed.getKey(), file);
            LOG.debug("event=feed_written source={} lines={} file={}", feed.getKey().code(), feed.getValue().size(),
                    file);
        }
        return files;
    }
}
