package loyalty.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import loyalty.flink.common.JobHandle;
import loyalty.flink.common.RetainedCheckpoints;

/**
 * Waits until a job just started has completed its first checkpoint. A job is RUNNING as soon as it is scheduled,
 * while its tasks may still be deploying, restoring state and connecting; Flink triggers a checkpoint only once
 * every task runs, so the first completed one says the job is ready for input.
 */
final class FirstCheckpoint {
    private static final long POLL_MILLIS = 100;

    private FirstCheckpoint() {
    }

    /** The number of the newest checkpoint in the job's folder before it starts; -1 for none. */
    static long before(Path checkpoints) {
        return RetainedCheckpoints.latestNumber(checkpoints);
    }

    /** Waits until the folder holds a checkpoint newer than {@code before} (a restored job counts on from it). */
    static void await(String what, Path checkpoints, long before, JobHandle job, Duration timeout)
            throws InterruptedException {
        CountWait.await(what + " ready (first checkpoint)", 1,
                () -> RetainedCheckpoints.latestNumber(checkpoints) > before ? 1 : 0, POLL_MILLIS, job, timeout);
    }
}
