package loyalty.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import loyalty.cli.console.TextTable;
import loyalty.flink.common.Delivery;
import loyalty.flink.identity.IdentityJobConfig;

/** Turns the ledger bench's measurements into its report, judges them against the aims, and prints them. */
final class LedgerBenchReports {
    /** Flink names a task's thread after its whole operator chain; the JSON file has the names in full. */
    private static final int LONGEST_THREADS = 100;

    private final BenchRunner runner;
    private final int customers;
    private final BenchRun run;
    private final LiveRun.Settings live;
    private final boolean servingTables;

    LedgerBenchReports(BenchRunner runner, int customers, BenchRun run, LiveRun.Settings live,
                       boolean servingTables) {
        this.runner = runner;
        this.customers = customers;
        this.run = run;
        this.live = live;
        this.servingTables = servingTables;
    }

    LedgerBenchReport build(LedgerBacklog.Loaded input, PassThroughRun.Result passThrough,
                            PipelineRun.Result exactlyOnce, PipelineRun.Result atLeastOnce, Throughput replay,
                            List<LiveRun.Result> latency) {
        long records = input.input().records();
        long bytes = input.input().bytes();
        Throughput pass = new Throughput("(a) Kafka → Flink → Kafka (pass-through)", "input records, from the job"
                + " running to the last on the output topic", records, bytes, passThrough.seconds());
        Throughput eo = pipeline("(b) identity + ledger, exactly-once", records, bytes, exactlyOnce);
        Throughput alo = pipeline("(c) identity + ledger, at-least-once", records, bytes, atLeastOnce);
        double vsPass = ratio(eo, pass);
        double vsAlo = ratio(eo, alo);
        List<LedgerBenchReport.Aim> aims = aims(vsPass, vsAlo, live(latency, Delivery.EXACTLY_ONCE),
                live(latency, Delivery.AT_LEAST_ONCE));
        boolean countsMatch = passThrough.output().records() == records
                && settled(exactlyOnce, input) && settled(atLeastOnce, input)
                && exactlyOnce.resolvedEvents() == atLeastOnce.resolvedEvents()
                && exactlyOnce.members() == atLeastOnce.members();
        long members = exactlyOnce.members();
        return new LedgerBenchReport("ledger", runner.startedAt(),
                new LedgerBenchReport.Settings(customers, run.seed, run.days,
                        run.checkpointInterval.toMillis() / 1000.0, run.parallelism,
                        "operational rows through Debezium (CDC), feed lines (pos, web, app) through the publisher",
                        "backfill (" + IdentityJobConfig.BACKFILL_OUT_OF_ORDERNESS.toDays() + " d), quiet flush "
                                + IdentityBenchCommand.QUIET_FLUSH.toSeconds() + " s",
                        live.outOfOrderness().toMillis(), live.rate(), live.warmup().toMillis() / 1000.0,
                        live.window().toMillis() / 1000.0, 1.0 / LiveLoad.REDEMPTION_EVERY, servingTables),
                runner.machine(),
                new LedgerBenchReport.Input(input.operationalChanges(), input.cdcEvents(),
                        input.feeds().feedLines(), input.feeds().rejectedLines(), records, bytes,
                        input.distinctEvents().size(), input.enrolments().size(), input.seconds()),
                List.of(pass, eo, alo),
                new LedgerBenchReport.PassThrough(passThrough.output().records(), passThrough.startSeconds(),
                        passThrough.seconds(), pass.eventsPerSecond()),
                backlog(exactlyOnce, eo), backlog(atLeastOnce, alo), vsPass, vsAlo, replay,
                latency.stream().map(LedgerBenchReports::live).toList(),
                new LedgerBenchReport.State(members, exactlyOnce.identityStateBytes(), exactlyOnce.ledgerStateBytes(),
                        perMember(exactlyOnce.identityStateBytes(), members),
                        perMember(exactlyOnce.ledgerStateBytes(), members)),
                aims, countsMatch, aims.stream().allMatch(LedgerBenchReport.Aim::met));
    }

    private static Throughput pipeline(String step, long records, long bytes, PipelineRun.Result r) {
        return new Throughput(step, "input records, from the jobs running until the ledger had committed offsets"
                + " past the last resolved record", records, bytes, r.seconds());
    }

    private static boolean settled(PipelineRun.Result r, LedgerBacklog.Loaded input) {
        return r.resolvedEvents() + r.deadLettered() == input.distinctEvents().size();
    }

    private static LedgerBenchReport.BacklogRun backlog(PipelineRun.Result r, Throughput t) {
        return new LedgerBenchReport.BacklogRun(r.delivery().wireName(), r.startSeconds(), r.resolvedSeconds(),
                r.seconds(), t.eventsPerSecond(), r.resolvedEvents(), r.deadLettered(), r.members(),
                r.identityStateBytes(), r.ledgerStateBytes(), r.profile(), r.gc(), r.ledgerTask());
    }

    private static LedgerBenchReport.Live live(LiveRun.Result r) {
        LiveSamples.LiveFigures f = r.figures();
        return new LedgerBenchReport.Live(r.delivery().wireName(), r.startSeconds(), r.warmupDrainSeconds(),
                r.achievedRate(), r.visibleRate(), f.orders(), f.redemptions(), f.unattributed(), f.resolved(),
                f.balance(), f.serving(), f.redemption(), r.gc(), r.seconds(), r.profile(), r.ledgerTask());
    }

    /** @return null when that phase did not run */
    private static LedgerBenchReport.Live live(List<LiveRun.Result> latency, Delivery delivery) {
        return latency.stream().filter(r -> r.delivery() == delivery).map(LedgerBenchReports::live).findFirst()
                .orElse(null);
    }

    /**
     * The aims, judged on the exactly-once pipeline: the platform's default.
     *
     * @param eo null when the exactly-once phase was skipped because at-least-once did not keep up
     */
    private List<LedgerBenchReport.Aim> aims(double vsPass, double vsAlo, LedgerBenchReport.Live eo,
                                             LedgerBenchReport.Live alo) {
        List<LedgerBenchReport.Aim> aims = new ArrayList<>();
        aims.add(new LedgerBenchReport.Aim("(b) exactly-once / (a) pass-through",
                "≥ " + LedgerBenchCommand.AIM_VS_PASS_THROUGH, format(vsPass),
                vsPass >= LedgerBenchCommand.AIM_VS_PASS_THROUGH, null));
        aims.add(new LedgerBenchReport.Aim("(b) exactly-once / (c) at-least-once",
                "≥ " + LedgerBenchCommand.AIM_VS_AT_LEAST_ONCE, format(vsAlo),
                vsAlo >= LedgerBenchCommand.AIM_VS_AT_LEAST_ONCE, null));
        Latency served = eo == null ? null : servingTables ? eo.serving() : eo.balance();
        Latency servedAlo = servingTables ? alo.serving() : alo.balance();
        String rateNote = live.rate() < LedgerBenchCommand.AIM_RATE ? String.format(Locale.ROOT,
                "measured at %,d events/s; the aim is at %,d", live.rate(), LedgerBenchCommand.AIM_RATE) : null;
        String skipped = String.format(Locale.ROOT, "not measured: at-least-once kept up with %,.0f of %,d"
                + " events/s", alo.rateVisible(), live.rate());
        aims.add(new LedgerBenchReport.Aim("event → served balance p99, exactly-once ("
                + (servingTables ? "serving.balances" : "loyalty.balances topic") + ")",
                "< " + LedgerBenchCommand.AIM_BALANCE_P99_MS + " ms", eo == null ? skipped : Latency.p99(served),
                below(served, LedgerBenchCommand.AIM_BALANCE_P99_MS),
                join(rateNote, "at-least-once: " + Latency.p99(servedAlo))));
        Latency redemption = eo == null ? null : eo.redemption();
        aims.add(new LedgerBenchReport.Aim("redemption decision p99, exactly-once",
                "< " + LedgerBenchCommand.AIM_REDEMPTION_P99_MS + " ms",
                eo == null ? skipped : Latency.p99(redemption),
                below(redemption, LedgerBenchCommand.AIM_REDEMPTION_P99_MS),
                join(rateNote, "at-least-once: " + Latency.p99(alo.redemption()))));
        return aims;
    }

    static void print(LedgerBenchReport r) {
        System.out.println();
        System.out.println("Identity + ledger (" + r.machine().describe() + ")");
        System.out.printf("backlog: %,d records on the input topics (%,d CDC events, %,d feed lines), %,d distinct"
                        + " events, %,d enrolments; %,d members after resolution%n", r.input().records(),
                r.input().cdcEvents(), r.input().feedLines(), r.input().distinctEvents(), r.input().enrolments(),
                r.state().members());
        TextTable throughput = new TextTable("run", "events/s", "seconds", "/ pass-through", "resolved after");
        for (Throughput t : r.steps()) {
            LedgerBenchReport.BacklogRun p = t.step().startsWith("(b)") ? r.exactlyOnce()
                    : t.step().startsWith("(c)") ? r.atLeastOnce() : null;
            throughput.row(t.step(), String.format("%,.0f", t.eventsPerSecond()), String.format("%.1f", t.seconds()),
                    String.format("%.3f", t.eventsPerSecond() / r.passThrough().eventsPerSecond()),
                    p == null ? "" : String.format("%.1f s", p.resolvedSeconds()));
        }
        Throughput replay = r.replay();
        throughput.row("replay (batch, from raw.events)",
                replay == null ? "n/a" : String.format("%,.0f", replay.eventsPerSecond()),
                replay == null ? "" : String.format("%.1f", replay.seconds()),
                replay == null ? "" : String.format("%.3f", replay.eventsPerSecond()
                        / r.passThrough().eventsPerSecond()), "");
        System.out.print(throughput.render());
        System.out.printf("(b) / (c): %.3f%n", r.ratioExactlyOnceToAtLeastOnce());

        System.out.println();
        System.out.printf(Locale.ROOT, "Latency at %,d events/s, p50 / p99 (window %.0f s, %.0f %% redemptions,"
                        + " identity out-of-orderness %d ms, checkpoints every %s s)%n", r.settings().rate(),
                r.settings().windowSeconds(), 100 * r.settings().redemptionShare(),
                r.settings().liveOutOfOrdernessMs(), r.settings().checkpointIntervalSeconds());
        TextTable latency = new TextTable("delivery", "events/s sent / visible", "event → resolved", "event → balance",
                "event → serving table", "redemption → outcome", "warm-up drained", "GC pauses");
        for (LedgerBenchReport.Live l : r.latency()) {
            latency.row(l.delivery(), String.format("%,.0f / %,.0f", l.rateAchieved(), l.rateVisible()),
                    Latency.describe(l.resolved()),
                    Latency.describe(l.balance()), Latency.describe(l.serving()), Latency.describe(l.redemption()),
                    String.format("%.1f s", l.warmupDrainSeconds()),
                    String.format("%.1f s", l.gcPauses().seconds()));
        }
        boolean skipped = r.latency().stream()
                .noneMatch(l -> l.delivery().equals(Delivery.EXACTLY_ONCE.wireName()));
        if (skipped) {
            latency.row(Delivery.EXACTLY_ONCE.wireName(), "skipped", "", "", "", "", "", "");
        }
        System.out.print(latency.render());
        if (skipped) {
            System.out.println("exactly-once was skipped: at-least-once fell behind the rate, and exactly-once only"
                    + " adds commit waits; lower --rate to measure both");
        }

        System.out.println();
        LedgerBenchReport.State s = r.state();
        System.out.printf("State after (b), last checkpoint: identity %.1f MB (%,.0f bytes per member), ledger %.1f MB"
                        + " (%,.0f bytes per member), %,d members%n", s.identityBytes() / 1e6,
                s.identityBytesPerMember(), s.ledgerBytes() / 1e6, s.ledgerBytesPerMember(), s.members());

        System.out.println();
        TextTable aims = new TextTable("aim", "target", "measured", "met", "note");
        for (LedgerBenchReport.Aim a : r.aims()) {
            aims.row(a.aim(), a.target(), a.measured(), a.met() ? "yes" : "NO", a.note() == null ? "" : a.note());
        }
        System.out.print(aims.render());

        System.out.println();
        profile("(b) over the backlog", r.exactlyOnce().seconds(), r.machine().cores(), r.exactlyOnce().profile(),
                r.exactlyOnce().gcPauses(), r.exactlyOnce().ledgerTask());
        LedgerBenchReport.Live first = r.latency().get(0);
        profile("the " + first.delivery() + " latency window and its drain", first.seconds(), r.machine().cores(),
                first.profile(), first.gcPauses(), first.ledgerTask());
        System.out.println();
        System.out.printf("""
                Every run read the same backlog from the earliest offsets with checkpoints every %s s and parallelism \
                %d; events/s are input records over the time from the jobs running until the ledger had committed \
                offsets past the resolved stream's last record, i.e. the checkpoint covering everything had \
                completed. The identity job ran in backfill mode (it orders the history and resolves it once the \
                input is quiet), so (b) and (c) differ mainly in when the resolved records become readable to the \
                ledger. In the latency phases every event waits for the identity job's watermark (out-of-orderness \
                bound plus Flink's 200 ms watermark interval); exactly-once adds the wait for two checkpoints, the \
                identity job's and then the ledger's, since each output is readable only when its transaction \
                commits: its latency is bounded below by the checkpoint interval, not by the work. At-least-once \
                outputs are readable at once. The serving tables are written at least once, in batches, before each \
                checkpoint at the latest.%n""", r.settings().checkpointIntervalSeconds(),
                r.settings().parallelism());
        if (!r.countsMatch()) {
            System.out.println("COUNTS DO NOT MATCH: see input, exactly_once and at_least_once in the JSON file.");
        }
        for (LedgerBenchReport.Aim a : r.aims()) {
            if (!a.met()) {
                System.out.println("AIM MISSED: " + a.aim() + ": " + a.measured() + ", target " + a.target());
            }
        }
    }

    private static void profile(String span, double seconds, int cores, List<ThreadCpu.Share> shares,
                                GcPauses gc, List<StackSampler.Spot> ledgerTask) {
        System.out.printf("Where the CPU went in %s, %.0f s of wall time on %d cores (CPU seconds by thread"
                + " group):%n", span, seconds, cores);
        for (ThreadCpu.Share share : shares) {
            String threads = share.threads();
            System.out.printf("  %8.1f  %s%n", share.seconds(), threads.length() <= LONGEST_THREADS ? threads
                    : threads.substring(0, LONGEST_THREADS - 1) + "…");
        }
        System.out.printf("  garbage collection paused the process %.1f s in %d collections%n", gc.seconds(),
                gc.collections());
        System.out.println("What the ledger operator's busiest subtask was doing (share of samples every 20 ms;"
                + " thread state and first frame outside the JDK):");
        for (StackSampler.Spot spot : ledgerTask) {
            System.out.printf("  %5.1f %%  %s%n", 100 * spot.share(), spot.where());
        }
    }

    private static double ratio(Throughput a, Throughput b) {
        return b.eventsPerSecond() > 0 ? a.eventsPerSecond() / b.eventsPerSecond() : 0;
    }

    private static double perMember(long bytes, long members) {
        return members > 0 ? (double) bytes / members : 0;
    }

    private static String format(double ratio) {
        return String.format(Locale.ROOT, "%.3f", ratio);
    }

    private static boolean below(Latency latency, long millis) {
        return latency != null && latency.p99() != null && latency.p99() < millis;
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }
}
