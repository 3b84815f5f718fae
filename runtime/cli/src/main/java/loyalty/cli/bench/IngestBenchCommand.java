package loyalty.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.cli.console.Progress;
import loyalty.cli.console.TextTable;
import loyalty.cli.stack.LocalStack;
import loyalty.contract.publish.EventPublisher;
import loyalty.contract.topic.TopicSpec;
import loyalty.contract.topic.Topics;
import loyalty.feeds.IngestReport;
import loyalty.feeds.file.JsonLinesIngest;
import loyalty.flink.common.JobHandle;
import loyalty.flink.raw.RawEventsJob;
import loyalty.flink.raw.RawEventsJobConfig;
import loyalty.flink.raw.RawEventsReader;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.truth.Manifest;
import loyalty.lakehouse.catalog.LakehouseConfig;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loyalty bench ingest}: the spine's throughput beside that of a pass-through, in one run on one stack.
 *
 * <p>Four measurements of the same events: (1) feed files → Kafka through the validating publisher; (2) the live
 * spine, from the start of that ingestion until the Iceberg commit that completes raw.events, with the raw-events
 * job running all along; then, with the live job stopped and the records waiting on the input topics, each job
 * alone from the earliest offsets: (3) a second raw-events job into an Iceberg catalog of its own, and (4) the
 * pass-through Kafka → Flink → Kafka. (2) over (4) is the figure the issue asks for; (3) over (4) compares the two
 * jobs on equal terms, without the ingestion's share of the machine.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Throughput of the spine, feed files → Kafka → Flink → Iceberg, beside a Kafka → Flink → Kafka"
                + " pass-through of the same events, on a fresh embedded stack in <work>/bench. Prints a table and"
                + " writes the figures, the machine and the settings as JSON.")
public final class IngestBenchCommand implements Callable<Integer> {
    private static final List<FeedSource> FEEDS = List.of(FeedSource.POS, FeedSource.WEB, FeedSource.APP);
    private static final List<String> INPUT_TOPICS = Topics.inputs().stream().map(TopicSpec::name).toList();
    private static final int STEPS = 5;

    @Mixin
    StackOptions stack;

    @Mixin
    BenchRun run;

    @Option(names = "--customers", defaultValue = "40000",
            description = "Customers to generate; about 2.5 feed events each (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the JSON (default: <work>/bench/ingest.json).")
    Path out;

    @Override
    public Integer call() throws Exception {
        BenchRunner runner = BenchRunner.prepare(stack, run, customers, STEPS);
        runner.heading("Start PostgreSQL, Kafka, Iceberg and the raw-events job in " + runner.workspace().root());
        try (LocalStack local = runner.startStack(stack, runner.pipelineOnly(List.of(PassThroughRun.OUTPUT)))) {
            Feeds feeds = feeds(runner.generate());

            runner.heading("Spine: ingest the feed files into Kafka while the raw-events job writes them to Iceberg");
            Spine spine = spine(local, feeds);

            runner.heading("The raw-events job alone over the same records, from the earliest offsets, into a"
                    + " catalog of its own");
            local.stopRawEvents(); // each job measured next gets the machine to itself
            TopicCounter.Tally input = TopicCounter.countAll(local.kafka().bootstrapServers(), INPUT_TOPICS,
                    BenchRunner.START_TIMEOUT);
            System.out.printf("  input topics: %,d records, %.1f MB%n", input.records(), input.bytes() / 1e6);
            Backlog rawBacklog = rawEventsBacklog(local, input, feeds.expectedRows());

            runner.heading("Pass-through: the same records, Kafka → Flink → Kafka, from the earliest offsets");
            PassThroughRun.Result pass = PassThroughRun.run(local, run, input.records(), "loyalty-bench-pass-through");
            Backlog passThrough = new Backlog(new IngestBenchReport.Backlog(input.records(), input.bytes(),
                    pass.output().records(), pass.output().bytes(), -1, pass.startSeconds()), pass.seconds());

            IngestBenchReport report = report(runner, feeds, spine, input, rawBacklog, passThrough);
            print(report);
            runner.write(report, out, "ingest.json");
            return report.countsMatch() ? 0 : 2;
        }
    }

    /** The feed files of the generated program and what raw.events must end with. */
    private record Feeds(Map<FeedSource, Path> files, long bytes, long expectedRows) {
    }

    private static Feeds feeds(BenchRunner.Generated generated) throws Exception {
        Map<FeedSource, Path> files = generated.files();
        Manifest manifest = generated.program().manifest();
        long expectedRows = FEEDS.stream().mapToLong(f -> manifest.source(f.code()).valid()).sum();
        long bytes = 0;
        for (FeedSource f : FEEDS) {
            bytes += Files.size(files.get(f));
        }
        System.out.printf("  the operational rows (the CDC source) are not written: this benchmark measures the"
                + " feeds; %,d distinct valid feed events expected in raw.events%n", expectedRows);
        return new Feeds(files, bytes, expectedRows);
    }

    /** What the live spine did and when. */
    private record Spine(IngestReport ingested, long ingestNanos, Instant ingestStart, Instant ingestEnd,
                         long rows, long distinct, RawEventsCommits.Reached reached) {
    }

    private Spine spine(LocalStack local, Feeds feeds) throws Exception {
        Instant ingestStart = Instant.now();
        long startNanos = System.nanoTime();
        IngestReport ingested = ingest(local, feeds.files());
        long ingestNanos = System.nanoTime() - startNanos;
        Instant ingestEnd = Instant.now();
        System.out.printf("  %,d lines: %,d accepted, %,d dead-lettered %s%n", ingested.records(),
                ingested.accepted(), ingested.rejected(), ingested.rejectedByReason());
        long rows;
        long distinct;
        try (RawEventsReader reader = RawEventsReader.open(local.lakehouse())) {
            CountWait.await("raw.events rows", feeds.expectedRows(), reader::count, 250, local.rawEvents(),
                    run.timeout);
            rows = reader.count();
            distinct = reader.eventIds().size();
        }
        RawEventsCommits.Reached reached = reached(local.lakehouse(), feeds.expectedRows());
        System.out.printf("  raw.events: %,d rows (%,d distinct event ids) after %d commits; the last commit came"
                        + " %.1f s after the ingestion ended%n", rows, distinct, reached.commits(),
                seconds(ingestEnd, reached.committedAt()));
        return new Spine(ingested, ingestNanos, ingestStart, ingestEnd, rows, distinct, reached);
    }

    private static IngestReport ingest(LocalStack local, Map<FeedSource, Path> files) throws Exception {
        IngestReport total = IngestReport.empty("feeds");
        try (EventPublisher publisher = EventPublisher.connect(local.kafka().bootstrapServers(), "bench-ingest")) {
            JsonLinesIngest ingest = new JsonLinesIngest(publisher);
            for (FeedSource source : FEEDS) {
                Path file = files.get(source);
                try (ProgressBar bar = Progress.bytes(file.getFileName().toString(), Files.size(file))) {
                    total = total.plus(ingest.ingest(file, bar::stepTo));
                }
            }
        }
        return total;
    }

    /** A job run alone over the input backlog: its figures and how long it took once running. */
    private record Backlog(IngestBenchReport.Backlog figures, double seconds) {
    }

    private Backlog rawEventsBacklog(LocalStack local, TopicCounter.Tally input, long expectedRows)
            throws Exception {
        LakehouseConfig catalog = SeparateCatalog.create(local, "lakehouse_backlog");
        RawEventsJobConfig live = local.rawConfig();
        RawEventsJobConfig config = new RawEventsJobConfig(live.bootstrapServers(), catalog,
                "loyalty-bench-raw-backlog", live.checkpointInterval(), live.dedupeTtl(), live.parallelism(), null, live.futureTolerance())
                .withCheckpointDir(local.workspace().checkpoints().resolve("raw-backlog"));
        long submitted = System.nanoTime();
        long startNanos;
        Instant runningAt;
        long rows;
        try (RawEventsReader reader = RawEventsReader.open(catalog);
             JobHandle job = RawEventsJob.startLocal(config)) {
            job.awaitRunning(BenchRunner.START_TIMEOUT);
            runningAt = Instant.now();
            startNanos = System.nanoTime() - submitted;
            rows = CountWait.await("raw.events rows", expectedRows, reader::count, 250, job, run.timeout);
        }
        RawEventsCommits.Reached reached = reached(catalog, expectedRows);
        System.out.printf("  its raw.events: %,d rows after %d commits (the job was running %.1f s after"
                + " submission)%n", rows, reached.commits(), startNanos / 1e9);
        return new Backlog(new IngestBenchReport.Backlog(input.records(), input.bytes(), rows, -1,
                reached.commits(), startNanos / 1e9), seconds(runningAt, reached.committedAt()));
    }

    private IngestBenchReport report(BenchRunner runner, Feeds feeds, Spine spine, TopicCounter.Tally input,
                                     Backlog raw, Backlog passThrough) {
        Throughput feedToKafka = new Throughput("feed → Kafka", "feed lines validated and sent (file bytes)",
                spine.ingested().records(), feeds.bytes(), spine.ingestNanos() / 1e9);
        Throughput live = new Throughput("feed → Kafka → Flink → Iceberg (live)", "input records, from the start"
                + " of the ingestion to the last Iceberg commit (input-topic bytes)", input.records(), input.bytes(),
                seconds(spine.ingestStart(), spine.reached().committedAt()));
        Throughput rawAlone = new Throughput("Kafka → Flink → Iceberg (backlog)", "input records, from the job"
                + " running to its last Iceberg commit (input-topic bytes)", input.records(), input.bytes(),
                raw.seconds());
        Throughput passAlone = new Throughput("Kafka → Flink → Kafka (pass-through, backlog)", "input records,"
                + " from the job running to the last on the output topic (input-topic bytes)", input.records(),
                input.bytes(), passThrough.seconds());
        boolean countsMatch = spine.rows() == feeds.expectedRows() && spine.distinct() == spine.rows()
                && input.records() == spine.ingested().accepted()
                && raw.figures().outputCount() == feeds.expectedRows()
                && passThrough.figures().outputCount() == input.records()
                && passThrough.figures().outputBytes() == input.bytes();
        return new IngestBenchReport("ingest", runner.startedAt(),
                new IngestBenchReport.Settings(customers, run.seed, run.days,
                        run.checkpointInterval.toMillis() / 1000.0,
                        run.parallelism, "exactly-once (Iceberg commit per checkpoint)",
                        "exactly-once (Kafka transaction commit per checkpoint)"),
                runner.machine(), List.of(feedToKafka, live, rawAlone, passAlone),
                new IngestBenchReport.Spine(feeds.expectedRows(), spine.rows(), spine.distinct(),
                        spine.ingested().records(), spine.ingested().accepted(), spine.ingested().rejected(),
                        seconds(spine.ingestEnd(), spine.reached().committedAt()), spine.reached().commits()),
                raw.figures(), passThrough.figures(),
                ratio(live, passAlone), ratio(rawAlone, passAlone), countsMatch);
    }

    private static void print(IngestBenchReport report) {
        System.out.println();
        System.out.println("Throughput (" + report.machine().describe() + ")");
        TextTable table = new TextTable("step", "events", "seconds", "events/s", "MB/s");
        for (Throughput t : report.steps()) {
            table.row(t.step(), t.events(), round(t.seconds(), 1), Math.round(t.eventsPerSecond()),
                    round(t.mbPerSecond(), 2));
        }
        System.out.print(table.render());
        System.out.printf("spine (live) / pass-through:        %.3f%n", report.ratioSpineToPassThrough());
        System.out.printf("raw-events job / pass-through:      %.3f (both alone over the same backlog)%n",
                report.ratioRawEventsToPassThrough());
        System.out.printf("last Iceberg commit after the end of the ingestion: %.1f s%n",
                report.spine().secondsAfterLastIngest());
        System.out.println();
        System.out.printf("Every Flink job ran with checkpoints every %s s and parallelism %d.%n",
                round(report.settings().checkpointIntervalSeconds(), 3), report.settings().parallelism());
        System.out.println("""
                Iceberg commits on checkpoints: raw.events rows become visible only then, so the Iceberg times include
                the wait for the last commit (change it with --checkpoint-interval). The pass-through is exactly-once
                too: its Kafka transactions commit on checkpoints, and it is counted read_committed. The live spine
                shares the machine with the ingestion; the backlog runs had it to themselves, one after the other.""");
        if (!report.countsMatch()) {
            System.out.println("COUNTS DO NOT MATCH: see spine, raw_events_backlog and pass_through in the JSON file.");
        }
    }

    private static RawEventsCommits.Reached reached(LakehouseConfig catalog, long rows) {
        return RawEventsCommits.firstReaching(catalog, rows).orElseThrow(() -> new IllegalStateException(
                "raw.events holds " + rows + " rows but no snapshot of its history says so"));
    }

    private static double ratio(Throughput a, Throughput b) {
        return b.eventsPerSecond() > 0 ? a.eventsPerSecond() / b.eventsPerSecond() : 0;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
