package loyalty.flink.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the checkpoints Flink left in a checkpoint folder. Flink's layout is
 * {@code <folder>/<job id>/chk-<n>/_metadata}; a checkpoint is complete once its {@code _metadata} exists, and
 * each run of a job gets a new job id, so the newest one is found by time, not by number.
 */
public final class RetainedCheckpoints {
    private static final String METADATA = "_metadata";

    private RetainedCheckpoints() {
    }

    /** The newest complete checkpoint folder, if any. */
    public static Optional<Path> latest(Path checkpointDir) {
        try (Stream<Path> checkpoints = completed(checkpointDir)) {
            return checkpoints.max(Comparator.comparing(RetainedCheckpoints::completedAt)
                    .thenComparingLong(RetainedCheckpoints::number));
        }
    }

    /** The highest checkpoint number among the complete checkpoints of this folder; -1 if none. */
    public static long latestNumber(Path checkpointDir) {
        return latest(checkpointDir).map(RetainedCheckpoints::number).orElse(-1L);
    }

    private static Stream<Path> completed(Path checkpointDir) {
        if (!Files.isDirectory(checkpointDir)) {
            return Stream.empty();
        }
        try {
            return Files.find(checkpointDir, 2, (path, attributes) -> attributes.isDirectory()
                            && path.getFileName().toString().startsWith("chk-"))
                    .filter(path -> Files.exists(path.resolve(METADATA)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + checkpointDir, e);
        }
    }

    private static FileTime completedAt(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve(METADATA));
        } catch (IOException e) {
            // deleted meanwhile (subsumed by a newer one): rank it oldest
            return FileTime.fromMillis(0);
        }
    }

    private static long number(Path checkpoint) {
        return Long.parseLong(checkpoint.getFileName().toString().substring("chk-".length()));
    }
}
