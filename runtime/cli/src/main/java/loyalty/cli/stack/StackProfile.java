package loyalty.cli.stack;

import java.time.Duration;
import java.util.List;
import loyalty.cli.StackOptions;
import loyalty.contract.topic.TopicSpec;
import loyalty.flink.raw.RawEventsJobConfig;

/**
 * Which optional components a local stack runs, and how the raw-events job is set. The demo and 'stack up' run
 * everything; a benchmark leaves out what it does not measure, so that it does not take CPU from the figures.
 *
 * @param extraTopics topics created beside the registry's (e.g. a benchmark's output)
 */
public record StackProfile(boolean cdc, boolean feedHttp, boolean trino, Duration checkpointInterval,
                           int parallelism, List<TopicSpec<String, byte[]>> extraTopics) {

    public static StackProfile full(StackOptions options) {
        return new StackProfile(true, true, !options.noTrino, RawEventsJobConfig.DEFAULT_CHECKPOINT_INTERVAL,
                RawEventsJobConfig.DEFAULT_PARALLELISM, List.of());
    }

    /** PostgreSQL, Kafka, Iceberg and the raw-events job only. */
    public static StackProfile pipelineOnly(Duration checkpointInterval, int parallelism,
                                            List<TopicSpec<String, byte[]>> extraTopics) {
        return new StackProfile(false, false, false, checkpointInterval, parallelism, extraTopics);
    }
}
