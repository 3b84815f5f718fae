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
 * @param ledgerLiveClockLag     on live input ('stack up') the ledger's event time also follows the wall clock less
 *                               this lag (the identity job's bound plus a margin: identity releases an event only
 *                               once its bound has passed), so that points become available and expire, and
 *                               reminders go out, on a quiet stack. Null over history (the demo's backfill,
 *                               benchmarks): there the wall clock is far ahead of the events and would expire
 *                               everything at once.
 */
public record StackProfile(boolean cdc, boolean feedHttp, boolean trino, Duration checkpointInterval,
                           int parallelism, List<TopicSpec<String, byte[]>> extraTopics,
                           Duration identityOutOfOrderness, Duration ledgerLiveClockLag) {
    /** Room for an event's way from the identity job's output to the ledger (a checkpoint's commit, 10 s). */
    static final Duration LIVE_CLOCK_MARGIN = Duration.ofMinutes(1);

    /** Everything, with the identity job set for live traffic ('stack up'). */
    public static StackProfile full(StackOptions options) {
        return new StackProfile(true, true, !options.noTrino, RawEventsJobConfig.DEFAULT_CHECKPOINT_INTERVAL,
                RawEventsJobConfig.DEFAULT_PARALLELISM, List.of(), IdentityJobConfig.DEFAULT_OUT_OF_ORDERNESS,
                IdentityJobConfig.DEFAULT_OUT_OF_ORDERNESS.plus(LIVE_CLOCK_MARGIN));
    }

    /**
     * Everything, with the identity job set for a bulk load of history (the demo): it orders all of it by event time
     * and resolves it when the load goes quiet, as a live job would have, one event at a time.
     */
    public static StackProfile backfill(StackOptions options) {
        return new StackProfile(true, true, !options.noTrino, RawEventsJobConfig.DEFAULT_CHECKPOINT_INTERVAL,
                RawEventsJobConfig.DEFAULT_PARALLELISM, List.of(), IdentityJobConfig.BACKFILL_OUT_OF_ORDERNESS, null);
    }

    /** PostgreSQL, Kafka, Iceberg and the raw-events job only. */
    public static StackProfile pipelineOnly(Duration checkpointInterval, int parallelism,
                                            List<TopicSpec<String, byte[]>> extraTopics) {
        return new StackProfile(false, false, false, checkpointInterval, parallelism, extraTopics, null, null);
    }

    public boolean identity() {
        return identityOutOfOrderness != null;
    }

    /** Live input on a long-running stack ('stack up'), as opposed to a load of history. */
    public boolean live() {
        return ledgerLiveClockLag != null;
    }

}
