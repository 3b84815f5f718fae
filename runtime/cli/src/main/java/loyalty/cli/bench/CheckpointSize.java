package loyalty.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import loyalty.flink.common.RetainedCheckpoints;

/**
 * How much state a job keeps: the bytes of its newest complete checkpoint. The local jobs use the heap state
 * backend, whose checkpoints are full snapshots, so one checkpoint folder holds all of it (plus the small
 * source, sink and timer state).
 */
final class CheckpointSize {
    private static final int ATTEMPTS = 25;

    private CheckpointSize() {
    }

    /** Bytes of the newest complete checkpoint under {@code folder}; 0 when there is none. */
    static long latest(Path folder) {
        for (int attempt = 1; ; attempt++) {
            Optional<Path> checkpoint = RetainedCheckpoints.latest(folder);
            if (checkpoint.isEmpty()) {
                return 0;
            }
            try {
                return bytes(checkpoint.get());
            } catch (UncheckedIOException e) {
                // a newer checkpoint completed meanwhile and Flink deleted this one: measure the newer
                if (!(e.getCause() instanceof NoSuchFileException) || attempt == ATTEMPTS) {
                    throw e;
                }
                pause(); // Flink may still be deleting it: give the listing a moment to show the newer one
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring a checkpoint", e);
        }
    }

    private static long bytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(CheckpointSize::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
