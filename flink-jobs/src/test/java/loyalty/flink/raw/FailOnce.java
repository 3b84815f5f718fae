package loyalty.flink.raw;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Makes the job fail once, mid-stream: the first time the trigger event passes, it creates a marker file and
 * throws. Flink then restarts the job from its last checkpoint (fixed-delay restart), the operator is built anew
 * from its serialised form, and the marker, which outlives the instance, lets the replayed trigger through.
 * Creating the file is atomic, so exactly one subtask fails, exactly once.
 */
public final class FailOnce implements MapFunction<RawEvent, RawEvent> {
    private final String triggerEventId;
    private final String marker;

    public FailOnce(String triggerEventId, Path marker) {
        this.triggerEventId = triggerEventId;
        this.marker = marker.toAbsolutePath().toString();
    }

    public static boolean hasFailed(Path marker) {
        return Files.exists(marker);
    }

    @Override
    public RawEvent map(RawEvent event) throws IOException {
        if (event.eventId().equals(triggerEventId)) {
            try {
                Files.createFile(Path.of(marker));
            } catch (FileAlreadyExistsException alreadyFailed) {
                return event;
            }
            throw new IllegalStateException("injected failure (test) at event " + triggerEventId);
        }
        return event;
    }
}
