package loyalty.cli.replay;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import loyalty.cli.UserError;
import loyalty.cli.console.Progress;
import loyalty.flink.raw.RawEventsReader;
import loyalty.flink.replay.LedgerComparison;
import loyalty.flink.replay.ReplayJob;
import loyalty.flink.replay.ReplaySettings;
import loyalty.lakehouse.catalog.LakehouseConfig;
import me.tongfei.progressbar.ProgressBar;

/**
 * Rebuilds the ledger from raw.events in a namespace of its own and compares it with the live ledger, up to the
 * newest recorded event: the live job's event time has reached that event (minus the millisecond its watermark
 * trails by), so effects due before it have fired there too.
 */
public final class LedgerReplay {
    public static final String NAMESPACE = "replay";

    private LedgerReplay() {
    }

    /** What a replay did and found. */
    public record Outcome(@JsonProperty("events") long events,
                          @JsonProperty("latest_event") Instant latestEvent,
                          @JsonProperty("seconds") double seconds,
                          @JsonProperty("comparison") LedgerComparison comparison) {

        @JsonProperty("events_per_second")
        public double eventsPerSecond() {
            return seconds <= 0 ? 0 : events / seconds;
        }
    }

    public static Outcome run(LakehouseConfig lakehouse, String namespace, int parallelism) {
        long events;
        Instant latest;
        try (RawEventsReader reader = RawEventsReader.open(lakehouse)) {
            events = reader.count();
            latest = reader.latestOccurredAt().orElseThrow(() -> new UserError(
                    "raw.events is empty: there is no history to replay yet."));
        }
        long start = System.nanoTime();
        try (ProgressBar bar = Progress.bar("replay " + String.format("%,d", events) + " events", -1, null, 1)) {
            ReplayJob.runLocal(ReplaySettings.of(lakehouse, namespace, latest.minusMillis(1), parallelism));
        } catch (UserError e) {
            throw e;
        } catch (Exception e) {
            throw new UserError("the replay job failed: " + rootMessage(e) + "; see the log file.");
        }
        double seconds = Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0;
        return new Outcome(events, latest, seconds, LedgerComparison.compare(lakehouse, namespace, latest));
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
