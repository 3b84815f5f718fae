package loyalty.cli.demo;

import java.time.Duration;
import loyalty.cli.UserError;
import loyalty.cli.console.Progress;
import loyalty.cli.stack.LocalStack;
import loyalty.flink.raw.RawEventsReader;
import me.tongfei.progressbar.ProgressBar;
import org.apache.flink.api.common.JobStatus;

/** Watches the pipeline until raw.events holds the expected number of rows, failing fast if a component died. */
public final class PipelineWatch {
    private static final long POLL_MILLIS = 1_000;

    private PipelineWatch() {
    }

    public static long awaitRawEvents(LocalStack local, long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (RawEventsReader reader = RawEventsReader.open(local.lakehouse());
             ProgressBar bar = Progress.bar("raw.events", expected, null, 1)) {
            long rows = reader.count();
            while (rows < expected) {
                bar.stepTo(rows);
                if (local.cdc().failure().isPresent()) {
                    throw new UserError("CDC stopped: " + local.cdc().failure().get().getMessage());
                }
                JobStatus status = local.rawEvents().status();
                if (status.isGloballyTerminalState()) {
                    throw new UserError("the raw-events Flink job ended (" + status + "); see the log file.");
                }
                if (System.nanoTime() > deadline) {
                    throw new UserError("only " + rows + " of " + expected + " events reached raw.events within "
                            + timeout.toMinutes() + " min; see the log file, or raise --timeout.");
                }
                Thread.sleep(POLL_MILLIS);
                rows = reader.count();
            }
            bar.stepTo(rows);
            return rows;
        }
    }
}
