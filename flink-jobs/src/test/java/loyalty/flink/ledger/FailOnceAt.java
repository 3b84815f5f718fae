package loyalty.flink.ledger;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Fails the ledger job once, mid-stream, at the first record with the given event time: the marker file outlives
 * the operator, which Flink rebuilds when it restarts the job from its last checkpoint.
 */
final class FailOnceAt implements MapFunction<ResolvedRecord, ResolvedRecord> {
    private final long occurredAtMillis;
    private final String marker;

    FailOnceAt(long occurredAtMillis, Path marker) {
        this.occurredAtMillis = occurredAtMillis;
        this.marker = marker.toAbsolutePath().toString();
    }

    @Override
    public ResolvedRecord map(ResolvedRecord record) throws IOException {
        if (record.occurredAtMillis() == occurredAtMillis) {
            try {
                Files.createFile(Path.of(marker));
            } catch (FileAlreadyExistsException alreadyFailed) {
                return record;
            }
            throw new IllegalStateException("injected failure (test) at " + record.occurredAtMillis());
        }
        return record;
    }
}
