package loyalty.cli.console;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars for long steps; on a non-terminal (CI, pipes) they print plain lines instead of redrawing. */
public final class Progress {
    private Progress() {
    }

    /** A bar over a byte count, in KiB or MiB as the size suits. */
    public static ProgressBar bytes(String task, long totalBytes) {
        return totalBytes >= (8L << 20) ? bar(task, totalBytes, "MiB", 1L << 20) : bar(task, totalBytes, "KiB", 1024);
    }

    public static ProgressBar bar(String task, long total, String unit, long unitSize) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .continuousUpdate();
        if (unit != null) {
            builder.setUnit(unit, unitSize);
        }
        if (System.console() == null) {
            // Not a terminal (CI, a pipe): a plain line every few seconds instead of a redrawn bar.
            builder.setConsumer(new DelegatingProgressBarConsumer(line -> System.err.println(line.strip()), 100))
                    .setUpdateIntervalMillis(5_000);
        }
        return builder.build();
    }
}
