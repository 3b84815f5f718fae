package loyalty.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.cli.identity.ResolvedWatch;
import loyalty.cli.console.TextTable;
import loyalty.cli.stack.LocalStack;
import loyalty.contract.topic.TopicSpec;
import loyalty.contract.topic.Topics;
import loyalty.flink.common.JobHandle;
import loyalty.flink.identity.IdentityJob;
import loyalty.flink.identity.IdentityJobConfig;
import loyalty.flink.identity.ResolvedLog;
import loyalty.generator.GeneratedProgram;
import loyalty.identity.quality.IdentityQuality;
import loyalty.lakehouse.catalog.LakehouseConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loyalty bench identity}: how fast and how well identity resolution (SPEC §3) runs, beside a pass-through.
 *
 * <p>The generated program's feeds and rule sets are put on the input topics first; then each job runs alone over
 * that backlog from the earliest offsets: the pass-through (Kafka → Flink → Kafka) as the yardstick, then the
 * identity job in backfill mode. The identity job's output is read as it comes, and its member clusters are
 * measured against the generator's ground truth. Exit code 3 when the quality targets are missed.
 */
@Command(name = "identity", mixinStandardHelpOptions = true,
        description = "Throughput and quality of identity resolution: the identity job over a generated program's"
                + " feeds, beside a Kafka → Flink → Kafka pass-through of the same records, on a fresh embedded"
                + " stack in <work>/bench; clusters measured against the generator's ground truth. Prints a table"
                + " and writes the figures as JSON. Exit code 3 when precision < 0.999 or linkable recall < 0.95.")
public final class IdentityBenchCommand implements Callable<Integer> {
    static final double PRECISION_TARGET = 0.999;
    static final double LINKABLE_RECALL_TARGET = 0.95;
    /** Short, so that the backfill's wait for a quiet input costs the figures little; it is in them all the same. */
    static final Duration QUIET_FLUSH = Duration.ofSeconds(2);
    private static final List<String> INPUT_TOPICS = Topics.inputs().stream().map(TopicSpec::name).toList();
    private static final int STEPS = 5;

    @Mixin
    StackOptions stack;

    @Mixin
    BenchRun run;

    @Option(names = "--customers", defaultValue = "20000",
            description = "Customers to generate; about 2.5 feed events each (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the JSON (default: <work>/bench/identity.json).")
    Path out;

    @Override
    public Integer call() throws Exception {
        BenchRunner runner = BenchRunner.prepare(stack, run, customers, STEPS);
        GeneratedProgram program = runner.generate().program();
        System.out.println("  the operational rows (the CDC source) are left out: CDC needs Debezium and makes the"
                + " run slower; the ingest bench covers it");

        runner.heading("Start PostgreSQL, Kafka and Iceberg in " + runner.workspace().root());
        try (LocalStack local = runner.startStack(stack, runner.pipelineOnly(List.of(PassThroughRun.OUTPUT)))) {
            local.stopRawEvents(); // the measured jobs get the machine to themselves
            System.out.println("  raw-events job stopped: only the measured jobs run");

            runner.heading("Publish the rule sets and the feed lines to the input topics");
            String kafka = local.kafka().bootstrapServers();
            long publishStart = System.nanoTime();
            IdentityBacklog.Published published = IdentityBacklog.publish(kafka, program);
            double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
            TopicCounter.Tally input = TopicCounter.countAll(kafka, INPUT_TOPICS, BenchRunner.START_TIMEOUT);
            System.out.printf("  %,d feed lines and %d rule sets: %,d records on the input topics (%.1f MB), %,d"
                            + " distinct events; %,d lines dead-lettered by the publisher%n", published.feedLines(),
                    published.ruleSets(), input.records(), input.bytes() / 1e6, published.distinctEvents().size(),
                    published.rejectedLines());

            runner.heading("Pass-through: the backlog, Kafka → Flink → Kafka, from the earliest offsets");
            PassThroughRun.Result passThrough = PassThroughRun.run(local, run, input.records(),
                    "loyalty-bench-identity-pass-through");

            runner.heading("Identity job (backfill, quiet flush " + QUIET_FLUSH.toSeconds() + " s): the same backlog,"
                    + " from the earliest offsets");
            IdentityTimed identity = identity(local, published.distinctEvents().size());

            System.out.println();
            System.out.println("measuring the member clusters against the ground truth …");
            IdentityQuality quality = IdentityTruth.measure(program, identity.log());
            IdentityBenchReport report = report(runner, published, input, publishSeconds, passThrough, identity,
                    quality);
            print(report);
            runner.write(report, out, "identity.json");
            return exitCode(report);
        }
    }

    /** A job run alone over the backlog: its start time, its run time and what it delivered. */
    private record Timed(long output, double startSeconds, double seconds) {
    }

    /** The identity job's run and what it delivered, read as it came. */
    private record IdentityTimed(Timed run, ResolvedLog log, Set<String> deadLettered, double firstSeenSeconds,
                                 double firstWrittenSeconds) {
    }

    /** The identity job as this bench runs it over a backlog: backfill mode, the run's checkpoints and parallelism. */
    static IdentityJobConfig backfill(LocalStack local, BenchRun run, LakehouseConfig catalog, String groupId) {
        return IdentityJobConfig.defaults(local.kafka().bootstrapServers(), catalog)
                .withGroupId(groupId)
                .withCheckpointInterval(run.checkpointInterval)
                .withParallelism(run.parallelism)
                .withOutOfOrderness(IdentityJobConfig.BACKFILL_OUT_OF_ORDERNESS)
                .withQuietFlush(QUIET_FLUSH);
    }

    private IdentityTimed identity(LocalStack local, long distinctEvents) throws Exception {
        IdentityJobConfig config = backfill(local, run, local.lakehouse(), "loyalty-bench-identity")
                .withCheckpointDir(local.workspace().checkpoints().resolve("identity"));
        long submitted = System.nanoTime();
        try (ResolvedWatch watch = new ResolvedWatch(local.kafka().bootstrapServers());
             JobHandle job = IdentityJob.startLocal(config)) {
            job.awaitRunning(BenchRunner.START_TIMEOUT);
            long running = System.nanoTime();
            long runningMillis = System.currentTimeMillis();
            long settled = CountWait.await("events resolved or dead-lettered", distinctEvents, () -> {
                watch.poll();
                return watch.settled();
            }, 0, job, run.timeout);
            long done = System.nanoTime();
            Timed timed = new Timed(settled, (running - submitted) / 1e9, (done - running) / 1e9);
            double firstSeen = watch.firstSeenNanos() < 0 ? timed.seconds() : (watch.firstSeenNanos() - running) / 1e9;
            double firstWritten = watch.firstWrittenMillis() < 0 ? timed.seconds()
                    : Math.max(0, watch.firstWrittenMillis() - runningMillis) / 1000.0;
            System.out.printf("  %,d events resolved and %,d dead-lettered (no usable identifier) in %.1f s; the"
                            + " first resolved record was written after %.1f s and readable after %.1f s (the job"
                            + " was running %.1f s after submission)%n", watch.log().events(),
                    watch.deadLettered().size(), timed.seconds(), firstWritten, firstSeen, timed.startSeconds());
            return new IdentityTimed(timed, watch.log(), watch.deadLettered(), firstSeen, firstWritten);
        }
    }

    private IdentityBenchReport report(BenchRunner runner, IdentityBacklog.Published published,
                                       TopicCounter.Tally input, double publishSeconds,
                                       PassThroughRun.Result passThrough, IdentityTimed identity,
                                       IdentityQuality quality) {
        long distinct = published.distinctEvents().size();
        ResolvedLog log = identity.log();
        Throughput publish = new Throughput("feed lines + rule sets → Kafka", "lines and rule sets validated and"
                + " sent (input-topic bytes)", published.feedLines() + published.ruleSets(), input.bytes(),
                publishSeconds);
        Throughput passAlone = new Throughput("Kafka → Flink → Kafka (pass-through, backlog)", "input records,"
                + " from the job running to the last on the output topic", input.records(), input.bytes(),
                passThrough.seconds());
        Throughput identityAlone = new Throughput("Kafka → Flink identity → Kafka + Iceberg (backfill)", "input"
                + " records, from the job running until every distinct event is resolved or dead-lettered",
                input.records(), input.bytes(), identity.run().seconds());
        Set<String> settled = new HashSet<>(log.memberByEvent().keySet());
        settled.addAll(identity.deadLettered());
        boolean countsMatch = input.records() == published.records()
                && passThrough.output().records() == input.records()
                && log.events() + identity.deadLettered().size() == distinct
                && settled.equals(published.distinctEvents());
        double runSeconds = identity.run().seconds();
        boolean targetsMet = quality.precision() >= PRECISION_TARGET
                && quality.linkableRecall() >= LINKABLE_RECALL_TARGET;
        return new IdentityBenchReport("identity", runner.startedAt(),
                new IdentityBenchReport.Settings(customers, run.seed, run.days,
                        run.checkpointInterval.toMillis() / 1000.0,
                        run.parallelism, "backfill (" + IdentityJobConfig.BACKFILL_OUT_OF_ORDERNESS.toDays() + " d)",
                        QUIET_FLUSH.toMillis() / 1000.0,
                        "feeds (pos, web, app) and the program's rule sets; no CDC",
                        "exactly-once (Kafka transaction commit per checkpoint), read read_committed"),
                runner.machine(),
                new IdentityBenchReport.Input(published.feedLines(), published.ruleSets(), input.records(),
                        input.bytes(), published.rejectedLines(), distinct),
                List.of(publish, passAlone, identityAlone),
                new IdentityBenchReport.Run(input.records(), passThrough.output().records(), passThrough.startSeconds(),
                        passThrough.seconds(), passAlone.eventsPerSecond()),
                new IdentityBenchReport.IdentityRun(input.records(), distinct, log.events(),
                        identity.deadLettered().size(), identity.run().startSeconds(), runSeconds,
                        identityAlone.eventsPerSecond(), runSeconds > 0 ? distinct / runSeconds : 0,
                        identity.firstSeenSeconds(), identity.firstWrittenSeconds(),
                        runSeconds > 0 ? identity.firstSeenSeconds() / runSeconds : 0,
                        QUIET_FLUSH.toMillis() / 1000.0),
                passAlone.eventsPerSecond() > 0 ? identityAlone.eventsPerSecond() / passAlone.eventsPerSecond() : 0,
                new IdentityBenchReport.Resolution(log.count("created"), log.merges(), log.count("conflict"),
                        log.count("unattributed"), log.count("device"), log.late(), new TreeMap<>(log.byResolution())),
                new IdentityBenchReport.Quality(quality.precision(), quality.recall(), quality.linkableRecall(),
                        quality.truePairs(), quality.predictedPairs(), quality.correctPairs(),
                        quality.linkablePairs(), quality.persons(), quality.members(), quality.impureMembers(),
                        quality.examples(), quality.unattributed(), quality.noPerson(), PRECISION_TARGET,
                        LINKABLE_RECALL_TARGET),
                countsMatch, targetsMet);
    }

    private static void print(IdentityBenchReport r) {
        System.out.println();
        System.out.println("Identity resolution (" + r.machine().describe() + ")");
        IdentityBenchReport.IdentityRun id = r.identity();
        IdentityBenchReport.Resolution res = r.resolution();
        IdentityBenchReport.Quality q = r.quality();
        TextTable table = new TextTable("figure", "value");
        table.row("customers", String.format("%,d", r.settings().customers()))
                .row("records published (input topics)", String.format("%,d", r.input().publishedRecords()))
                .row("distinct events", String.format("%,d", r.input().distinctEvents()))
                .row("pass-through events/s", String.format("%,.0f (%.1f s)", r.passThrough().eventsPerSecond(),
                        r.passThrough().seconds()))
                .row("identity events/s", String.format("%,.0f (%.1f s)", id.eventsPerSecond(), id.seconds()))
                .row("identity / pass-through", String.format("%.3f", r.ratioIdentityToPassThrough()))
                .row("first resolved record written / readable", String.format("%.1f s / %.1f s (%.0f %% of the"
                        + " run)", id.secondsToFirstWritten(), id.secondsToFirstResolved(),
                        100 * id.shareBeforeFirstResolved()))
                .row("resolved events", String.format("%,d", id.resolvedEvents()))
                .row("dead-lettered (no_usable_identifier)", String.format("%,d", id.deadLettered()))
                .row("members created", String.format("%,d", res.membersCreated()))
                .row("merges", String.format("%,d", res.merges()))
                .row("conflicts", String.format("%,d", res.conflicts()))
                .row("unattributed", String.format("%,d", res.unattributed()))
                .row("device-attributed", String.format("%,d", res.deviceAttributed()))
                .row("late", String.format("%,d", res.late()))
                .row("precision", String.format(Locale.ROOT, "%.4f (target ≥ %s)", q.precision(),
                        q.precisionTarget()))
                .row("recall", String.format(Locale.ROOT, "%.4f", q.recall()))
                .row("linkable recall", String.format(Locale.ROOT, "%.4f (target ≥ %s)", q.linkableRecall(),
                        q.linkableRecallTarget()))
                .row("pairs true / predicted / correct / linkable", String.format("%,d / %,d / %,d / %,d",
                        q.truePairs(), q.predictedPairs(), q.correctPairs(), q.linkablePairs()))
                .row("persons / members", String.format("%,d / %,d", q.persons(), q.members()))
                .row("impure members", String.format("%,d", q.impureMembers()));
        System.out.print(table.render());
        q.impureExamples().forEach((member, persons) -> System.out.println("  impure: " + member + " → " + persons));
        System.out.println("by resolution: " + res.byResolution());
        System.out.println();
        System.out.printf("""
                Both jobs ran alone over the same backlog, from the earliest offsets, with checkpoints every %s s and \
                parallelism %d; events/s are input records (redeliveries and rule sets included) over the time from \
                the job running until its output was complete as a read_committed reader sees it, so each includes \
                the wait for the last checkpoint. The identity job ran in backfill mode: it orders the whole history \
                by event time and resolves it once no input has arrived for the quiet flush (%s s), which its time \
                includes; it also writes identity.members, identity_links and identity_events to Iceberg. A record \
                is written when resolved and readable at the next completed checkpoint; a checkpoint cannot complete \
                while the flush is still resolving. Inputs: %s.%n""", r.settings().checkpointIntervalSeconds(),
                r.settings().parallelism(), r.settings().identityQuietFlushSeconds(), r.settings().inputs());
        if (!r.countsMatch()) {
            System.out.println("COUNTS DO NOT MATCH: see input, pass_through and identity in the JSON file.");
        }
    }

    private static int exitCode(IdentityBenchReport r) {
        if (!r.countsMatch()) {
            return 2;
        }
        IdentityBenchReport.Quality q = r.quality();
        if (q.precision() < PRECISION_TARGET) {
            System.out.printf(Locale.ROOT, "TARGET MISSED: precision %.4f < %s%s%n", q.precision(), PRECISION_TARGET,
                    q.linkableRecall() < LINKABLE_RECALL_TARGET ? String.format(Locale.ROOT,
                            " and linkable recall %.4f < %s", q.linkableRecall(), LINKABLE_RECALL_TARGET) : "");
            return 3;
        }
        if (q.linkableRecall() < LINKABLE_RECALL_TARGET) {
            System.out.printf(Locale.ROOT, "TARGET MISSED: linkable recall %.4f < %s%n", q.linkableRecall(),
                    LINKABLE_RECALL_TARGET);
            return 3;
        }
        return 0;
    }
}
