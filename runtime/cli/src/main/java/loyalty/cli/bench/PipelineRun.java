package loyalty.cli.bench;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import loyalty.cli.identity.ResolvedWatch;
import loyalty.cli.ledger.LedgerWatch;
import loyalty.cli.stack.LocalStack;
import loyalty.flink.common.Delivery;
import loyalty.flink.common.JobHandle;
import loyalty.flink.identity.IdentityJob;
import loyalty.flink.identity.ResolvedLog;
import loyalty.flink.ledger.LedgerJob;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * The identity and ledger jobs together over the backlog, as the platform runs them: started at once, from the
 * earliest offsets, with one delivery guarantee for both. The run is over when the ledger's committed offsets pass
 * the last record of the resolved stream: Flink commits them when the checkpoint that covers the whole stream has
 * completed, which is also when that checkpoint's output transactions commit.
 */
final class PipelineRun {
    static final int PROFILE_LINES = 8;
    /** How the ledger operator's task threads are named (after the first operator of their chain). */
    static final String LEDGER_TASK = "apply-ledger";

    private PipelineRun() {
    }

    /**
     * @param startSeconds    from the identity job's submission until it was running (not part of the run); the
     *                        ledger job was started and ready before
     * @param resolvedSeconds from running until every event was on the resolved stream or dead-lettered (readable)
     * @param seconds         from running until the ledger had taken in the whole resolved stream
     * @param members         distinct members after every merge
     * @param profile         CPU seconds by thread group over the run, largest first
     * @param gc              garbage collection in this process over the run
     * @param ledgerTask      what the ledger operator's busiest subtask was doing over the run
     */
    record Result(Delivery delivery, double startSeconds, double resolvedSeconds, double seconds,
                  long resolvedEvents, long deadLettered, long members, long identityStateBytes,
                  long ledgerStateBytes, ResolvedLog log, List<ThreadCpu.Share> profile, GcPauses gc,
                  List<StackSampler.Spot> ledgerTask) {
    }

    static Result backlog(LocalStack local, BenchRun run, Pipeline pipeline, Delivery delivery, long distinctEvents)
            throws Exception {
        try (ResolvedWatch watch = new ResolvedWatch(local.kafka().bootstrapServers());
             Admin admin = local.kafka().admin();
             JobHandle ledger = LedgerJob.startLocal(pipeline.ledger(local, run, delivery))) {
            // the ledger first, ready before the run starts: it waits for input, so the run is the identity job's
            ledger.awaitRunning(BenchRunner.START_TIMEOUT);
            FirstCheckpoint.await("ledger job", pipeline.ledgerCheckpoints(), -1, ledger, BenchRunner.START_TIMEOUT);
            long submitted = System.nanoTime();
            try (JobHandle identity = IdentityJob.startLocal(pipeline.backfillIdentity(local, run, delivery))) {
                identity.awaitRunning(BenchRunner.START_TIMEOUT);
                long running = System.nanoTime();
                ThreadCpu.Snapshot cpu = ThreadCpu.snapshot();
                GcPauses gc = GcPauses.sinceStart();
                StackSampler ledgerTask = new StackSampler(LEDGER_TASK);
                CountWait.await("events resolved or dead-lettered", distinctEvents, () -> {
                    watch.poll();
                    return watch.settled();
                }, 0, identity, run.timeout);
                long resolved = System.nanoTime();
                Map<TopicPartition, Long> last = watch.lastResolvedOffsets();
                CountWait.await("resolved stream taken in by the ledger (offsets)", LedgerWatch.target(last),
                        () -> LedgerWatch.takenIn(admin, pipeline.ledgerGroup(), last), 250, ledger, run.timeout);
                long done = System.nanoTime();
                ledgerTask.close();
                List<ThreadCpu.Share> profile = ThreadCpu.since(cpu, PROFILE_LINES);
                ResolvedLog log = watch.log();
                Result result = new Result(delivery, (running - submitted) / 1e9, (resolved - running) / 1e9,
                        (done - running) / 1e9, log.events(), watch.deadLettered().size(), members(log),
                        CheckpointSize.latest(pipeline.identityCheckpoints()),
                        CheckpointSize.latest(pipeline.ledgerCheckpoints()), log, profile,
                        GcPauses.sinceStart().since(gc), ledgerTask.top(PROFILE_LINES));
                System.out.printf("  %,d events resolved and %,d dead-lettered after %.1f s; the ledger had taken"
                                + " them all in after %.1f s (the identity job was running %.1f s after"
                                + " submission); %,d members%n", result.resolvedEvents(), result.deadLettered(),
                        result.resolvedSeconds(), result.seconds(), result.startSeconds(), result.members());
                return result;
            }
        }
    }

    private static long members(ResolvedLog log) {
        return log.memberByEvent().keySet().stream().map(log::finalMember).filter(Objects::nonNull).distinct()
                .count();
    }
}
