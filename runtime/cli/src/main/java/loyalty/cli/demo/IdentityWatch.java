package loyalty.cli.demo;

import java.time.Duration;
import loyalty.cli.UserError;
import loyalty.cli.console.Progress;
import loyalty.cli.identity.ResolvedWatch;
import loyalty.cli.stack.LocalStack;
import loyalty.flink.identity.ResolvedLog;
import me.tongfei.progressbar.ProgressBar;
import org.apache.flink.api.common.JobStatus;

/** Waits, with progress, until the identity job has resolved or dead-lettered every event of the demo. */
final class IdentityWatch {
    private IdentityWatch() {
    }

    /** The resolved stream once {@code expected} distinct events are on it or dead-lettered by resolution. */
    static Result await(LocalStack local, long expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ResolvedWatch watch = new ResolvedWatch(local.kafka().bootstrapServers());
             ProgressBar bar = Progress.bar("identity", expected, null, 1)) {
            while (watch.settled() < expected) {
                watch.poll();
                bar.stepTo(watch.settled());
                JobStatus status = local.identity().status();
                if (status.isGloballyTerminalState()) {
                    throw new UserError("the identity Flink job ended (" + status + "); see the log file.");
                }
                if (System.nanoTime() > deadline) {
                    throw new UserError("only " + watch.settled() + " of " + expected + " events were resolved"
                            + " within " + timeout.toMinutes() + " min; see the log file, or raise --timeout.");
                }
            }
            bar.stepTo(watch.settled());
            return new Result(watch.log(), watch.deadLettered().size());
        }
    }

    record Result(ResolvedLog log, long deadLettered) {
    }
}
