package loyalty.cli.bench;

import java.time.Duration;
import java.util.List;
import loyalty.cli.UserError;
import loyalty.cli.stack.LocalStack;
import loyalty.contract.publish.EventPublisher;
import loyalty.flink.common.Delivery;
import loyalty.flink.common.JobHandle;
import loyalty.flink.identity.IdentityJob;
import loyalty.flink.ledger.LedgerJob;

/**
 * A live phase: the pipeline's two jobs started again from their checkpoints (state and offsets kept), the identity
 * job in live mode, then a warm-up of live events, then the measured window at the same rate, each event followed
 * until it is visible where a reader would look. The warm-up absorbs what going live costs once: the jobs' start,
 * and the ledger's timers due between the end of the history and now, which fire as event time jumps to the present.
 */
final class LiveRun {
    private LiveRun() {
    }

    /**
     * @param outOfOrderness the identity job's bound: the least delay of every live event (SPEC §1 order)
     * @param drain          how long to wait after the window for its last events before counting them missing
     */
    record Settings(int rate, Duration warmup, Duration window, Duration outOfOrderness, Duration drain) {
    }

    /**
     * @param startSeconds  from submission until both jobs had restored their state and checkpointed once
     * @param warmupDrainSeconds from the last warm-up event until every warm-up event was visible: how far behind
     *                           going live (the jobs' start, the timers due since the history ended) had left it
     * @param achievedRate  measured events over the time it took to send them
     * @param visibleRate   measured events fully visible (balance, serving row, outcome) over the time from the
     *                      start of the window until the waiting stopped: the rate the pipeline kept up with when
     *                      it is below {@code achievedRate}
     * @param gc            collections in this process from the start of the window until the waiting stopped
     * @param seconds       from the start of the window until the waiting stopped
     * @param profile       CPU seconds by thread group over that span, largest first
     * @param ledgerTask    what the ledger operator's busiest subtask was doing over that span
     */
    record Result(Delivery delivery, double startSeconds, double warmupDrainSeconds, double achievedRate,
                  double visibleRate, LiveSamples.LiveFigures figures, GcPauses gc, double seconds,
                  List<ThreadCpu.Share> profile, List<StackSampler.Spot> ledgerTask) {
    }

    static Result measure(LocalStack local, BenchRun run, Pipeline pipeline, Delivery delivery, Settings settings,
                          List<LiveMember> members, boolean serving) throws Exception {
        if (members.isEmpty()) {
            throw new UserError("the backlog enrolled no member to send live events for; raise --customers.");
        }
        String kafka = local.kafka().bootstrapServers();
        LiveSamples samples = new LiveSamples(serving);
        long ledgerBefore = FirstCheckpoint.before(pipeline.ledgerCheckpoints());
        long identityBefore = FirstCheckpoint.before(pipeline.identityCheckpoints());
        long submitted = System.nanoTime();
        try (JobHandle ledger = LedgerJob.startLocal(pipeline.ledger(local, run, delivery));
             JobHandle identity = IdentityJob.startLocal(pipeline.liveIdentity(local, run, delivery,
                     settings.outOfOrderness()))) {
            ledger.awaitRunning(BenchRunner.START_TIMEOUT);
            identity.awaitRunning(BenchRunner.START_TIMEOUT);
            FirstCheckpoint.await("ledger job", pipeline.ledgerCheckpoints(), ledgerBefore, ledger,
                    BenchRunner.START_TIMEOUT);
            FirstCheckpoint.await("identity job", pipeline.identityCheckpoints(), identityBefore, identity,
                    BenchRunner.START_TIMEOUT);
            long running = System.nanoTime();
            try (LiveWatch watch = new LiveWatch(kafka, samples);
                 ServingPoll poll = serving ? new ServingPoll(pipeline.serving(), members.get(0).program(), samples)
                         : null;
                 EventPublisher publisher = EventPublisher.connect(kafka, "bench-ledger-live")) {
                LiveLoad load = new LiveLoad(publisher, samples, members, "live-" + delivery.wireName());
                load.send(settings.rate(), settings.warmup(), false);
                long warmupSent = System.nanoTime();
                long warmups = samples.count(false);
                CountWait.await("warm-up events visible (going live)", warmups, () -> {
                    check(watch, poll);
                    return samples.settled(false, false);
                }, 100, ledger, run.timeout);
                long live = System.nanoTime();
                GcPauses gc = GcPauses.sinceStart();
                ThreadCpu.Snapshot cpu = ThreadCpu.snapshot();
                StackSampler ledgerTask = new StackSampler(PipelineRun.LEDGER_TASK);
                double sendSeconds = load.send(settings.rate(), settings.window(), true);
                long measured = samples.count(true);
                long visible = CountWait.upTo("measured events visible", measured, () -> {
                    check(watch, poll);
                    return samples.settled(true, true);
                }, 100, ledger, settings.drain());
                ledgerTask.close();
                double waitedSeconds = (System.nanoTime() - live) / 1e9;
                Result result = new Result(delivery, (running - submitted) / 1e9, (live - warmupSent) / 1e9,
                        measured / sendSeconds, visible < measured ? visible / waitedSeconds : measured / sendSeconds,
                        samples.figures(settings.drain().toMillis()), GcPauses.sinceStart().since(gc),
                        waitedSeconds, ThreadCpu.since(cpu, PipelineRun.PROFILE_LINES),
                        ledgerTask.top(PipelineRun.PROFILE_LINES));
                print(result, settings.drain());
                return result;
            }
        }
    }

    private static void check(LiveWatch watch, ServingPoll poll) {
        watch.failure().ifPresent(e -> {
            throw new IllegalStateException("reading the pipeline's outputs failed: " + e.getMessage(), e);
        });
        if (poll != null) {
            poll.failure().ifPresent(e -> {
                throw new IllegalStateException("polling serving.balances failed: " + e.getMessage(), e);
            });
        }
    }

    private static void print(Result r, Duration drain) {
        LiveSamples.LiveFigures f = r.figures();
        System.out.printf("  warm-up visible %.1f s after its last event; %,.0f events/s sent: %,d orders, %,d"
                        + " redemption requests (%,d unattributed)%n", r.warmupDrainSeconds(), r.achievedRate(),
                f.orders(), f.redemptions(), f.unattributed());
        System.out.printf("  p50 / p99: event → resolved %s, → balance %s, → serving %s, redemption → outcome %s;"
                        + " garbage collection paused the process %.1f s (%d collections)%n",
                Latency.describe(f.resolved()), Latency.describe(f.balance()), Latency.describe(f.serving()),
                Latency.describe(f.redemption()), r.gc().seconds(), r.gc().collections());
        if (f.notVisible() > 0) {
            System.out.printf("  NOT KEEPING UP: %,d balances, serving rows and outcomes not visible %d s after the"
                    + " window; %,.0f events/s became visible%n", f.notVisible(), drain.toSeconds(), r.visibleRate());
        }
    }
}
