package loyalty.cli.bench;

import java.time.Duration;
import java.util.function.LongSupplier;
import loyalty.cli.UserError;
import loyalty.cli.console.Progress;
import loyalty.flink.common.JobHandle;
import me.tongfei.progressbar.ProgressBar;
import org.apache.flink.api.common.JobStatus;

/**
 * Waits, with a progress bar, until a count reaches its target; fails fast if the job that makes it grow has ended,
 * and with a clear message at the deadline.
 */
final class CountWait {
    /** How often the job's status is asked: often enough to fail fast, rarely enough to cost nothing. */
    private static final long STATUS_EVERY_NANOS = 1_000_000_000L;

    private CountWait() {
    }

    /**
     * @param count      the current count; each call may block briefly (a poll), which paces the loop
     * @param pollMillis pause between calls when {@code count} does not block, 0 when it does
     * @return the count that reached the target
     */
    static long await(String what, long target, LongSupplier count, long pollMillis, JobHandle job,
                      Duration timeout) throws InterruptedException {
        return wait(what, target, count, pollMillis, job, timeout, true);
    }

    /** Like {@link #await}, but at the deadline returns the count reached instead of failing. */
    static long upTo(String what, long target, LongSupplier count, long pollMillis, JobHandle job,
                     Duration timeout) throws InterruptedException {
        return wait(what, target, count, pollMillis, job, timeout, false);
    }

    private static long wait(String what, long target, LongSupplier count, long pollMillis, JobHandle job,
                             Duration timeout, boolean failAtDeadline) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextStatus = System.nanoTime() + STATUS_EVERY_NANOS;
        try (ProgressBar bar = Progress.bar(what, target, null, 1)) {
            long n = count.getAsLong();
            while (n < target) {
                bar.stepTo(n);
                long now = System.nanoTime();
                if (now > nextStatus) {
                    JobStatus status = job.status();
                    if (status.isGloballyTerminalState()) {
                        throw new UserError("the Flink job " + job.name() + " ended (" + status + ") with " + n
                                + " of " + target + " in " + what + "; see the log file.");
                    }
                    nextStatus = now + STATUS_EVERY_NANOS;
                }
                if (now > deadline && !failAtDeadline) {
                    return n;
                }
                if (now > deadline) {
                    throw new UserError("only " + n + " of " + target + " in " + what + " within "
                            + timeout.toSeconds() + " s; see the log file, or raise --timeout.");
                }
                if (pollMillis > 0) {
                    Thread.sleep(pollMillis);
                }
                n = count.getAsLong();
            }
            bar.stepTo(n);
            return n;
        }
    }
}
