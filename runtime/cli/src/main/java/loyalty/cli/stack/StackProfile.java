package loyalty.cli.stack;

import java.time.Duration;
import java.util.List;
import loyalty.cli.StackOptions;
import loyalty.contract.topic.TopicSpec;
import loyalty.flink.identity.IdentityJobConfig;
import loyalty.flink.raw.RawEventsJobConfig;

/**
 * Which optional components a local stack runs, and how the raw-events job is set. The demo and 'stack up' run
 * everything; a benchmark leaves out what it does not measure, so that it does not take CPU from the figures.
 *
 * @param extraTopics            topics created beside the registry's (e.g. a benchmark's output)
 * @param identityOutOfOrderness the identity job's event-time bound, or null to run no identity job
 * @param ledgerLiveClockLag     on a live stack ('stack up', the demo) the ledger's event time also follows the
 *                               wall clock less this lag once live events flow (the identity job's bound plus a
 *                               margin: identity releases an event only once its bound has passed), so that
 *                               points become available and expire, and reminders go out, on a quiet stack. Null
 *                               for benchmarks, which keep event time alone.
 * @param maintenance            compaction daily and KPI snapshots hourly (a long-running stack)
 */
public record StackProfile(boolean cdc, boolean feedHttp, boolean trino, Duration checkpointInterval,
                           int parallelism, List<TopicSpec<String, byte[]>> extraTopics,
                           Duration identityOutOfOrderness, Duration ledgerLiveClockLag, boolean maintenance) {
    /** Room for an event's way from the identity job's output to the ledger (a checkpoint's commit, 10 s). */
    static final Duration LIVE_CLOCK_MARGIN = Duration.ofMinutes(1);

    /**
     * Everything, set for live traffic and for loading history first ('stack up'): live events are resolved once
     * their bound has passed; history, however it is loaded, is ordered whole and resolved when the input goes
     * quiet (see EventClock).
     */
    public static StackProfile full(StackOptions options) {
        return new StackProfile(true, true, !options.noTrino, RawEventsJobConfig.DEFAULT_CHECKPOINT_INTERVAL,
                RawEventsJobConfig.DEFAULT_PARALLELISM, List.of(), IdentityJobConfig.DEFAULT_OUT_OF_ORDERNESS,
                IdentityJobConfig.DEFAULT_OUT_OF_ORDERNESS.plus(LIVE_CLOCK_MARGIN), true);
    }

    /** The demo: 'stack up' exactly, loading its history as a user would, without the scheduled maintenance. */
    public static StackProfile demo(StackOptions options) {
        StackProfile full = full(options);
        return new StackProfile(full.cdc, full.feedHttp, full.trino, full.checkpointInterval, full.parallelism,
                full.extraTopics, full.identityOutOfOrderness, full.ledgerLiveClockLag, false);
    }

    /** PostgreSQL, Kafka, Iceberg and the raw-events job only. */
    public static StackProfile pipelineOnly(Duration checkpointInterval, int parallelism,
                                            List<TopicSpec<String, byte[]>> extraTopics) {
        return new StackProfile(false, false, false, checkpointInterval, parallelism, extraTopics, null, null, false);
    }

    public boolean identity() {
        return identityOutOfOrderness != null;
    }

    /**
     * A stack for live input with history loaded first ('stack up', the demo): identity tells history from live
     * events by their age on arrival, and the ledger follows the wall clock once live events flow. Benchmarks keep
     * event time alone.
     */
    public boolean live() {
        return ledgerLiveClockLag != null;
    }

}
