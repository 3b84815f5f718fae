package loyalty.cli.bench;

import java.util.List;
import loyalty.cli.stack.LocalStack;
import loyalty.contract.topic.CleanupPolicy;
import loyalty.contract.topic.TopicSpec;
import loyalty.contract.topic.Topics;
import loyalty.flink.common.JobHandle;
import loyalty.flink.passthrough.PassThroughJob;
import loyalty.flink.passthrough.PassThroughJobConfig;

/**
 * The yardstick of every benchmark: the pass-through job (Kafka → Flink → Kafka, no work, exactly-once) alone over
 * the records waiting on the input topics, from the earliest offsets, with the run's checkpoint interval and
 * parallelism, until its whole output is readable (read_committed).
 */
final class PassThroughRun {
    /** Not in the registry: no component of the platform reads it; the benchmark empties it with its folder. */
    static final TopicSpec<String, byte[]> OUTPUT = new TopicSpec<>("loyalty.bench.pass-through",
            "none (the input key is not carried)", Topics.MEMBERS.keySerde(), "input record value bytes, unchanged",
            Topics.MEMBERS.valueSerde(), 2, CleanupPolicy.DELETE);

    private PassThroughRun() {
    }

    /**
     * @param startSeconds from submission until the job was running (not part of its throughput)
     * @param seconds      from running until the last output record was readable
     */
    record Result(TopicCounter.Tally output, double startSeconds, double seconds) {
    }

    /** @param inputRecords what the input topics hold: the run ends when as many records are on the output */
    static Result run(LocalStack local, BenchRun run, long inputRecords, String groupId) throws Exception {
        PassThroughJobConfig config = PassThroughJobConfig.matching(local.rawConfig(), OUTPUT.name(), groupId)
                .withCheckpointDir(local.workspace().checkpoints().resolve("pass-through"));
        long submitted = System.nanoTime();
        long running;
        long done;
        TopicCounter.Tally output;
        try (TopicCounter counter = new TopicCounter(local.kafka().bootstrapServers(), List.of(OUTPUT.name()));
             JobHandle job = PassThroughJob.startLocal(config)) {
            job.awaitRunning(BenchRunner.START_TIMEOUT);
            running = System.nanoTime();
            CountWait.await("pass-through records", inputRecords, () -> {
                counter.poll();
                return counter.tally().records();
            }, 0, job, run.timeout);
            done = System.nanoTime();
            output = counter.tally();
        }
        Result result = new Result(output, (running - submitted) / 1e9, (done - running) / 1e9);
        System.out.printf("  output topic: %,d records, %.1f MB in %.1f s (the job was running %.1f s after"
                + " submission)%n", output.records(), output.bytes() / 1e6, result.seconds(), result.startSeconds());
        return result;
    }
}
