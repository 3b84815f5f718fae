package loyalty.flink.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * Fails the ledger job several times, once at each given position k of the resolved stream. The position is
 * checkpointed with the job, so it counts the stream, not the records since the restart (a restart resumes from the
 * last checkpoint, or from the start when none had completed); the "already failed at k" markers are files, which
 * outlive the operator that Flink rebuilds at every restart. A restore from a checkpoint taken after the first record
 * leaves a marker too.
 */
final class FailAtRecords implements MapFunction<ResolvedRecord, ResolvedRecord>, CheckpointedFunction {
    private final List<Long> positions;
    private final String markers;
    private transient ListState<Long> positionState;
    private transient long position;

    FailAtRecords(List<Long> positions, Path markers) {
        this.positions = List.copyOf(positions);
        this.markers = markers.toAbsolutePath().toString();
    }

    @Override
    public ResolvedRecord map(ResolvedRecord record) throws IOException {
        position++;
        for (long k : positions) {
            if (position == k && mark("failed-at-" + k)) {
                throw new IllegalStateException("injected failure (test) at record " + position + " for k=" + k);
            }
        }
        return record;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        positionState.update(List.of(position));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        positionState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("position", Types.LONG));
        position = 0;
        for (Long p : positionState.get()) {
            position = p;
        }
        if (context.isRestored() && position > 0) {
            mark("restored-at-" + position);
        }
    }

    /** Creates the marker; false if it was there already. */
    private boolean mark(String name) throws IOException {
        try {
            Files.createFile(Path.of(markers).resolve(name));
            return true;
        } catch (FileAlreadyExistsException already) {
            return false;
        }
    }

    /** The markers of the given kind ({@code failed-at-} or {@code restored-at-}) left in {@code dir}. */
    static List<String> markers(Path dir, String prefix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
