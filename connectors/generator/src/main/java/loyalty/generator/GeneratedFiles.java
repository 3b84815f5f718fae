package loyalty.generator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.feed.FeedWriter;
import loyalty.generator.truth.GroundTruthWriter;

/** Writes the file side of a generated program into one folder: the feeds, the ground truth and the manifest. */
public final class GeneratedFiles {
    private GeneratedFiles() {
    }

    /** Returns the feed file of each source; {@code ground-truth.jsonl} and {@code manifest.json} sit beside them. */
    public static Map<FeedSource, Path> write(Path dir, GeneratedProgram program) throws IOException {
        Map<FeedSource, Path> feeds = FeedWriter.write(dir, program.feeds());
        GroundTruthWriter.write(dir, program.groundTruth(), program.manifest());
        return feeds;
    }
}
