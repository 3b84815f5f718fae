package loyalty.ml.session;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Cutoffs on the command line: an ISO instant ({@code 2025-06-30T00:00:00Z}) or a UTC day ({@code 2025-06-30}). */
public final class Cutoffs {
    private Cutoffs() {
    }

    /** The label window after a cutoff: churn needs 90 days of what followed (propensity only 30). */
    public static final Duration LABEL_WINDOW = Duration.ofDays(90);
    /**
     * The least history the holdout cutoff needs before it (half of it before the train cutoff): four weeks, so
     * that a demo's 120 days qualify although the cutoff falls at a midnight and the last event before the end.
     */
    public static final Duration MIN_HISTORY = Duration.ofDays(28);

    /** A train cutoff and a later holdout cutoff, both at midnight UTC. */
    public record Pair(Instant train, Instant holdout) {
    }

    /**
     * The cutoffs when none are given, for a history from {@code oldest} to {@code newest}: the holdout at the latest
     * midnight whose labels are all known ({@link #LABEL_WINDOW} before the newest event), and the train cutoff a
     * label window before it, or, on a shorter history (a demo's few months), halfway between the history's start
     * and the holdout cutoff, so that both cutoffs have history behind them. Train labels then overlap the
     * holdout's features, which only a history long enough for the full gap avoids.
     *
     * @throws IllegalArgumentException when the history is shorter than a label window plus {@link #MIN_HISTORY}
     */
    public static Pair defaults(Instant oldest, Instant newest) {
        Instant holdout = newest.minus(LABEL_WINDOW).truncatedTo(ChronoUnit.DAYS);
        Duration before = Duration.between(oldest, holdout);
        if (before.compareTo(MIN_HISTORY) < 0) {
            throw new IllegalArgumentException("the history from " + oldest + " to " + newest + " is too short to"
                    + " train on: the labels need " + LABEL_WINDOW.toDays() + " days after the holdout cutoff and"
                    + " the features at least " + MIN_HISTORY.toDays() + " days before it");
        }
        Duration gap = before.compareTo(LABEL_WINDOW.multipliedBy(2)) >= 0 ? LABEL_WINDOW : before.dividedBy(2);
        return new Pair(holdout.minus(gap).truncatedTo(ChronoUnit.DAYS), holdout);
    }

    /** @throws IllegalArgumentException naming the setting when the value is neither */
    public static Instant parse(String name, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + name + ": expected 2025-06-30 or 2025-06-30T00:00:00Z, got "
                    + value, e);
        }
    }
}
