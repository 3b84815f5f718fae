package loyalty.cli.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import loyalty.contract.topic.Topics;
import loyalty.flink.common.JsonScan;
import loyalty.stack.kafka.TopicReader;

/**
 * Tells, before anything is sent, whether a load would arrive too late for the stack: history and live meet only
 * one way round (README, "History and live"). A stack orders any amount of history, in one file or in chunks,
 * as long as nothing newer has been resolved yet; once identity resolution has resolved an event, everything
 * older is late for it (SPEC §1: applied at arrival, after the effects already fired, and marked {@code late}).
 * So a file holding events older than the newest resolved one would not give the ledger its history.
 */
final class HistoryGuard {
    /** Enough offsets to find the newest records behind a partition's last transaction markers. */
    private static final int LAST_OFFSETS = 500;

    /** What a load holds against what the stack has resolved. */
    record Verdict(Instant resolvedUpTo, long olderEvents, Instant oldestEvent) {
        boolean late() {
            return olderEvents > 0;
        }

        String message(List<Path> files) {
            return olderEvents + " event(s) in " + files + " (the oldest at " + oldestEvent + ") are older than the"
                    + " newest event this stack has already resolved (" + resolvedUpTo + "), so they would be"
                    + " applied late, after the effects already fired: load history into a fresh stack before live"
                    + " events (in chunks, oldest first), or pass --late to apply them as late events.";
        }
    }

    private HistoryGuard() {
    }

    /** The newest {@code occurred_at} on the resolved stream, if anything has been resolved. */
    static Optional<Instant> resolvedUpTo(String bootstrapServers) {
        long[] newest = {Long.MIN_VALUE};
        TopicReader.forEachOfTheLast(bootstrapServers, List.of(Topics.RESOLVED.name()), LAST_OFFSETS,
                Duration.ofSeconds(30), r -> newest[0] = Math.max(newest[0], JsonScan.millis(r.value(), 2,
                        "occurred_at")));
        return newest[0] == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(newest[0]));
    }

    /** Counts the events of {@code files} dated before {@code resolvedUpTo}; lines without a readable time are skipped. */
    static Verdict check(List<Path> files, Instant resolvedUpTo) throws IOException {
        long cutoff = resolvedUpTo.toEpochMilli();
        long older = 0;
        long oldest = Long.MAX_VALUE;
        for (Path file : files) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    long at = JsonScan.millis(line.getBytes(StandardCharsets.UTF_8), 1, "occurred_at");
                    if (at != Long.MIN_VALUE && at < cutoff) {
                        older++;
                        oldest = Math.min(oldest, at);
                    }
                }
            }
        }
        return new Verdict(resolvedUpTo, older, older == 0 ? null : Instant.ofEpochMilli(oldest));
    }
}
