package loyalty.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.cli.UserError;
import loyalty.cli.demo.PipelineWatch;
import loyalty.cli.replay.LedgerReplay;
import loyalty.cli.stack.LocalStack;
import loyalty.flink.common.Delivery;
import loyalty.flink.serving.ServingDb;
import loyalty.generator.GeneratedProgram;
import loyalty.stack.postgres.PostgresCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loyalty bench ledger}: the whole pipeline, identity resolution and the points ledger, on one generated
 * backlog, beside a pass-through; then its latency at a fixed input rate.
 *
 * <p>The program's operational rows go through Debezium (the only source of enrolments) and its feed lines through
 * the publisher, once. Over that backlog, one after the other and each from the earliest offsets: (a) the
 * pass-through, (b) identity (backfill mode) and ledger together, exactly-once, (c) the same at-least-once, into
 * emptied output topics; then the backlog goes into raw.events and the ledger is replayed from it in batch mode,
 * timed. Then (c)'s jobs are started again from their checkpoints in live mode and receive orders
 * and redemption requests of enrolled members at {@code --rate}: at-least-once first, then exactly-once from the
 * state the first live phase left (switching the guarantee on a restart is what an operator would do too), unless
 * at-least-once already fell behind the rate. Exit code 3 when an aim of the issue is missed, 2 when counts do not
 * add up.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Throughput and latency of identity resolution + the points ledger, exactly-once and"
                + " at-least-once, beside a Kafka → Flink → Kafka pass-through of the same backlog (CDC and feeds),"
                + " on a fresh embedded stack in <work>/bench; then event → balance, event → serving table and"
                + " redemption latencies at a fixed rate, and state bytes per member. Prints a table and writes"
                + " the figures as JSON. Exit code 3 when an aim is missed.")
public final class LedgerBenchCommand implements Callable<Integer> {
    static final double AIM_VS_PASS_THROUGH = 0.50;
    static final double AIM_VS_AT_LEAST_ONCE = 0.85;
    static final long AIM_BALANCE_P99_MS = 1_000;
    static final long AIM_REDEMPTION_P99_MS = 100;
    static final int AIM_RATE = 10_000;
    private static final int STEPS = 9;
    /** Where the replay writes its ledger tables, beside the run's own. */
    private static final String REPLAY_NAMESPACE = "bench_replay";

    @Mixin
    StackOptions stack;

    @Mixin
    BenchRun run;

    @Option(names = "--customers", defaultValue = "5000",
            description = "Customers to generate; about 6 events each, CDC and feeds (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--rate", defaultValue = "2000",
            description = "Live events per second in the latency phases; the issue's aim is stated at 10,000"
                    + " (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class,
            description = "Live events sent before the measured window of each latency phase; the phase waits"
                    + " until they are all visible (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--latency-window", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long each latency phase sends measured events (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--out-of-orderness", defaultValue = "200ms", converter = DurationConverter.class,
            description = "The identity job's out-of-orderness bound in the latency phases; every event waits at"
                    + " least this long (SPEC §1 order); the stack's live default is 30s (default:"
                    + " ${DEFAULT-VALUE}).")
    Duration outOfOrderness;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the JSON (default: <work>/bench/ledger.json).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (rate < 1) {
            throw new UserError("--rate must be at least 1, got " + rate + ".");
        }
        BenchRunner runner = BenchRunner.prepare(stack, run, customers, STEPS);
        GeneratedProgram program = runner.generate().program();

        runner.heading("Start PostgreSQL, Kafka, Iceberg and Debezium in " + runner.workspace().root());
        try (LocalStack local = runner.startStack(stack, runner.pipelineWithCdc(List.of(PassThroughRun.OUTPUT)))) {
            local.stopRawEvents(); // the measured jobs get the machine to themselves; Debezium idles after the load
            System.out.println("  raw-events job stopped: only the measured jobs run");
            ServingDb serving = servingTables(local);

            runner.heading("Load the backlog once: operational rows through Debezium, feed lines through the"
                    + " publisher");
            LedgerBacklog.Loaded input = LedgerBacklog.load(local, program, run.timeout);

            runner.heading("(a) Pass-through: the backlog, Kafka → Flink → Kafka, from the earliest offsets");
            PassThroughRun.Result passThrough = PassThroughRun.run(local, run, input.input().records(),
                    "loyalty-bench-ledger-pass-through");

            runner.heading("(b) Identity + ledger, exactly-once: the same backlog, from the earliest offsets");
            PipelineRun.Result exactlyOnce = PipelineRun.backlog(local, run,
                    Pipeline.create(local, "exactly-once", serving), Delivery.EXACTLY_ONCE,
                    input.distinctEvents().size());

            runner.heading("(c) Identity + ledger, at-least-once: the same backlog, into emptied output topics");
            OutputReset.reset(local);
            Pipeline live = Pipeline.create(local, "at-least-once", serving);
            PipelineRun.Result atLeastOnce = PipelineRun.backlog(local, run, live, Delivery.AT_LEAST_ONCE,
                    input.distinctEvents().size());
            runner.heading("Replay: the backlog into raw.events (the raw-events job, restarted), then the ledger"
                    + " rebuilt from it in Flink batch mode");
            Throughput replay = replay(local, input.distinctEvents().size(), run.timeout);

            List<LiveMember> members = LiveMember.pick(input.enrolments(), atLeastOnce.log());
            LiveRun.Settings settings = new LiveRun.Settings(rate, warmup, window, outOfOrderness, drain());
            runner.heading("Latency, at-least-once: (c)'s jobs restarted live, " + rate + " events/s for "
                    + window.toSeconds() + " s after a " + warmup.toSeconds() + " s warm-up, " + members.size()
                    + " enrolled members");
            LiveRun.Result liveAtLeastOnce = LiveRun.measure(local, run, live, Delivery.AT_LEAST_ONCE, settings,
                    members, serving != null);
            runner.heading("Latency, exactly-once: the same jobs restarted exactly-once, same rate");
            List<LiveRun.Result> latency = new ArrayList<>(List.of(liveAtLeastOnce));
            if (liveAtLeastOnce.figures().notVisible() == 0) {
                latency.add(LiveRun.measure(local, run, live, Delivery.EXACTLY_ONCE, settings, members,
                        serving != null));
            } else {
                // Exactly-once only adds commit waits; started now, it would first work off what at-least-once
                // left behind, and still fall behind.
                System.out.printf("  skipped: at-least-once kept up with %,.0f of %,d events/s, so exactly-once"
                        + " cannot; run again with a lower --rate%n", liveAtLeastOnce.visibleRate(), rate);
            }

            LedgerBenchReport report = new LedgerBenchReports(runner, customers, run, settings, serving != null)
                    .build(input, passThrough, exactlyOnce, atLeastOnce, replay, latency);
            LedgerBenchReports.print(report);
            runner.write(report, out, "ledger.json");
            return !report.countsMatch() ? 2 : report.aimsMet() ? 0 : 3;
        }
    }

    /**
     * Replay throughput over the same backlog: {@code loyalty replay} reads raw.events, which the measured phases
     * leave empty (the raw-events job is stopped so they have the machine), so the job runs now until raw.events holds
     * every distinct event, and stops again before the replay is timed.
     */
    private static Throughput replay(LocalStack local, long distinctEvents, Duration timeout) throws Exception {
        local.startRawEvents();
        PipelineWatch.awaitRawEvents(local, distinctEvents, timeout);
        local.stopRawEvents();
        LedgerReplay.Outcome outcome = LedgerReplay.run(local.lakehouse(), REPLAY_NAMESPACE,
                local.rawConfig().parallelism());
        System.out.printf("  %,d events replayed in %.1f s (%,.0f events/s)%n", outcome.events(), outcome.seconds(),
                outcome.eventsPerSecond());
        return new Throughput("replay", "raw.events in Iceberg → ledger tables, Flink batch mode", outcome.events(),
                0, outcome.seconds());
    }

    /**
     * The serving tables' database when the stack has {@code serving.balances} (the stack creates it with the
     * operational tables); then the jobs keep the tables and the live phases poll them. Null otherwise.
     */
    private static ServingDb servingTables(LocalStack local) throws Exception {
        ServingDb db = new ServingDb(local.postgres().jdbcUrl(PostgresCluster.SHOP_DB), PostgresCluster.USER,
                PostgresCluster.PASSWORD);
        boolean present = ServingPoll.tableExists(db);
        System.out.println(present ? "  serving tables found: the jobs keep them, the latency phases poll"
                + " serving.balances" : "  no serving.balances in this stack: event → serving table is n/a");
        return present ? db : null;
    }

    /** Long enough for the slowest visible path: two exactly-once commits (identity's, then the ledger's). */
    private Duration drain() {
        Duration checkpoints = run.checkpointInterval.multipliedBy(10);
        return checkpoints.compareTo(Duration.ofSeconds(30)) > 0 ? checkpoints : Duration.ofSeconds(30);
    }
}
