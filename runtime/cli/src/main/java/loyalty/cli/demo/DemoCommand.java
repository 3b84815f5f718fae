package loyalty.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import loyalty.cli.FreshWorkspace;
import loyalty.cli.StackOptions;
import loyalty.cli.Workspace;
import loyalty.cli.console.Progress;
import loyalty.cli.console.TextTable;
import loyalty.cli.ml.SparkJobLauncher;
import loyalty.cli.member.ExplainMemberCommand;
import loyalty.cli.member.ExplanationView;
import loyalty.cli.member.LedgerQueries;
import loyalty.cli.member.MemberExplanation;
import loyalty.cli.replay.LedgerReplay;
import loyalty.cli.replay.ReplayReport;
import loyalty.cli.generate.GenerateCommand;
import loyalty.cli.ledger.LedgerWatch;
import loyalty.cli.stack.LocalStack;
import loyalty.cli.stack.StackProfile;
import loyalty.cli.stack.StackState;
import loyalty.cli.stack.StackStatusCommand;
import loyalty.contract.event.EventJson;
import loyalty.contract.publish.EventPublisher;
import loyalty.feeds.IngestReport;
import loyalty.feeds.file.JsonLinesIngest;
import loyalty.generator.GeneratedFiles;
import loyalty.generator.GeneratedProgram;
import loyalty.generator.Generator;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.operational.OperationalWriter;
import loyalty.generator.truth.GroundTruthRecord;
import loyalty.generator.truth.Manifest;
import loyalty.generator.rules.DefaultRuleSet;
import loyalty.flink.identity.ResolutionQuality;
import loyalty.flink.identity.ResolvedLog;
import loyalty.identity.normalize.Blocklist;
import loyalty.identity.normalize.BlocklistConfig;
import loyalty.identity.quality.IdentityQuality;
import loyalty.stack.postgres.PostgresCluster;
import loyalty.stack.trino.QueryResult;
import loyalty.stack.trino.TrinoSql;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline on a fresh embedded stack: generate a program, capture the operational"
                + " tables with CDC, ingest the POS and web feeds from files and the app feed over HTTP, wait until"
                + " every event is in Iceberg and every identity is resolved, query it with Trino and print a"
                + " summary.")
public final class DemoCommand implements Callable<Integer> {
    /** The generator's rule sets keep the SPEC default region. */
    private static final String DEFAULT_REGION = "US";

    @Mixin
    StackOptions stack;

    @Mixin
    GenerateCommand.ProgramOptions program;

    @Option(names = "--keep-running", description = "Leave the stack up after the summary (Ctrl-C stops it).")
    boolean keepRunning;

    @Option(names = "--train", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Train the churn and propensity models with Spark MLlib and show their metrics beside the"
                    + " recency baseline (default: on; --no-train skips it).")
    boolean train;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Also write the summary as JSON.")
    Path summaryJson;

    @Option(names = "--timeout", defaultValue = "PT15M",
            description = "How long to wait for every event to reach Iceberg (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private static final int STEPS = 10;
    /** Enough for the demo's few thousand members; the child JVM runs beside the stack's. */
    private static final String TRAIN_HEAP = "2g";
    /** 90 days of churn label after the holdout cutoff, and at least a month of history before it. */
    private static final int MIN_TRAIN_DAYS = 120;

    private final Map<String, Double> steps = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Instant startedAt = Instant.now();
        Workspace workspace = FreshWorkspace.create(stack.workspace(), "demo", "the demo");
        heading(1, "Start the embedded stack in " + workspace.root());
        long t = System.nanoTime();
        LocalStack local = LocalStack.start(stack, workspace, StackProfile.demo(stack), (component, detail) ->
                System.out.printf("  %-11s %s%n", component, detail));
        step("start stack", t);
        try {
            DemoSummary summary = run(local, workspace, startedAt);
            if (summaryJson != null) {
                Files.createDirectories(summaryJson.toAbsolutePath().getParent());
                EventJson.mapper().writerWithDefaultPrettyPrinter().writeValue(summaryJson.toFile(), summary);
                System.out.println("summary written to " + summaryJson);
            }
            if (keepRunning) {
                holdOpen(local);
            }
            return summary.allMatch() ? 0 : 2;
        } finally {
            System.out.println("stopping the stack …");
            local.close();
        }
    }

    private DemoSummary run(LocalStack local, Workspace workspace, Instant startedAt) throws Exception {
        heading(2, "Generate " + program.customers + " customers over " + program.days + " days (seed "
                + program.seed + ")");
        program.futureNote(java.time.LocalDate.now(java.time.ZoneOffset.UTC)).ifPresent(n -> System.out.println("  " + n));
        long t = System.nanoTime();
        GeneratedProgram generated = Generator.generate(program.config());
        Map<FeedSource, Path> files = GeneratedFiles.write(workspace.generated(), generated);
        Manifest manifest = generated.manifest();
        System.out.print(GenerateCommand.manifestTable(manifest).render());
        step("generate", t);

        heading(3, "Write the operational tables (captured by Debezium)");
        t = System.nanoTime();
        try (Connection c = local.postgres().connect(PostgresCluster.SHOP_DB)) {
            OperationalWriter.Summary written = OperationalWriter.write(c, generated.operationalChanges());
            System.out.printf("  %,d inserts and updates into customers, orders, returns, loyalty_rule_sets%n",
                    written.changes());
        }
        step("write operational tables", t);

        heading(4, "Ingest the feeds: POS and web from files, app over HTTP");
        t = System.nanoTime();
        try (EventPublisher publisher = EventPublisher.connect(local.kafka().bootstrapServers(), "demo-ingest")) {
            JsonLinesIngest ingest = new JsonLinesIngest(publisher);
            for (FeedSource source : List.of(FeedSource.POS, FeedSource.WEB)) {
                Path file = files.get(source);
                IngestReport report;
                try (ProgressBar bar = Progress.bytes(file.getFileName().toString(), Files.size(file))) {
                    report = ingest.ingest(file, bar::stepTo);
                }
                System.out.printf("  %s: %,d records, %,d accepted, %,d dead-lettered %s%n", file.getFileName(),
                        report.records(), report.accepted(), report.rejected(), report.rejectedByReason());
            }
        }
        Path app = files.get(FeedSource.APP);
        long appLines;
        try (var lines = Files.lines(app)) {
            appLines = lines.count();
        }
        HttpFeedClient.Totals http;
        try (ProgressBar bar = Progress.bar("app over HTTP", appLines, "lines", 1)) {
            http = new HttpFeedClient(local.feedHttp().url()).send(app, 500, bar::stepTo);
        }
        System.out.printf("  %s: %,d lines POSTed to %s, %,d accepted, %,d dead-lettered%n", app.getFileName(),
                appLines, local.feedHttp().url(), http.accepted(), http.deadLettered());
        step("ingest feeds", t);

        heading(5, "Wait until every event is in Iceberg raw.events (Flink commits on each checkpoint)");
        t = System.nanoTime();
        PipelineWatch.awaitRawEvents(local, manifest.totals().valid(), timeout);
        step("wait for iceberg", t);

        heading(6, "Resolve identities: one member per person across every source (Flink identity job)");
        t = System.nanoTime();
        IdentityWatch.Result resolved = IdentityWatch.await(local, manifest.totals().valid(), timeout);
        ResolvedLog log = resolved.log();
        long identityDeadLetters = resolved.deadLettered();
        IdentityQuality quality = ResolutionQuality.measure(personByEvent(generated), log,
                Blocklist.of(programBlocklist(generated.config().program())), DEFAULT_REGION);
        step("resolve identities", t);

        heading(7, "Keep the points ledger: earn, pending, returns, redemptions, expiry, tiers (Flink ledger job)");
        t = System.nanoTime();
        LedgerWatch.await(local, timeout);
        step("ledger", t);

        heading(8, "Replay the ledger from raw.events (Flink batch mode) and compare it with the live ledger");
        t = System.nanoTime();
        LedgerReplay.Outcome replay = LedgerReplay.run(local.lakehouse(), LedgerReplay.NAMESPACE,
                local.rawConfig().parallelism());
        ReplayReport.print(replay, System.out);
        step("replay", t);

        boolean trained = trainModels(local, program.days);

        heading(10, local.trino().isPresent() ? "Query the lakehouse with Trino" : "Read the lakehouse (no Trino)");
        t = System.nanoTime();
        SummaryBuilder builder = new SummaryBuilder(local, manifest);
        List<SourceRow> rows = builder.sourceRows();
        Map<String, Long> byType = builder.eventsByType();
        IdentitySummary identity = IdentitySummary.of(log, identityDeadLetters, quality,
                builder.identityTables(log.count("created")));
        LedgerSummary ledger = builder.ledger();
        Optional<MemberExplanation> explained = explainOneMember(local);
        TrinoSql trino = local.trino().map(x -> new TrinoSql(x.jdbcUrl(), "demo")).orElse(null);
        Optional<QueryResult> nudges = NudgeReport.read(trino);
        Optional<QueryResult> kpis = KpiReport.read(trino);
        Optional<QueryResult> models = trained ? ModelReport.read(trino) : Optional.empty();
        step("query", t);

        printSummary(rows, builder, byType);
        IdentityReport.print(identity, local.trino().isPresent());
        LedgerReport.print(ledger, new java.math.BigDecimal(DefaultRuleSet.first(generated.config().program(),
                Instant.EPOCH).path("cost_per_point").asText("0.01")));
        explained.ifPresent(x -> {
            System.out.println();
            System.out.println("A balance explained from its ledger (./loyalty member explain "
                    + x.entries().get(0).memberId() + ")");
            System.out.print(ExplanationView.render(x, 25));
        });
        NudgeReport.print(nudges);
        if (train) {
            ModelReport.print(models);
        }
        printTimings();
        KpiReport.print(kpis);
        System.out.println();
        System.out.println(replay.comparison().equal()
                ? "live = replay: this stack, set as 'stack up' is, loaded the history and holds the ledger its replay"
                        + " from raw.events rebuilds, entry for entry"
                : "LIVE DIFFERS FROM REPLAY: see step 8");
        boolean identityOk = local.trino().isEmpty() || identity.memberRows() == identity.expectedMemberRows();
        boolean ledgerOk = ledger == null || ledger.ledgerMatchesBalances();
        boolean explainedOk = explained.map(MemberExplanation::explained).orElse(local.trino().isEmpty());
        boolean modelsOk = !train || program.days < MIN_TRAIN_DAYS || local.trino().isEmpty()
                || models.filter(m -> m.rowCount() > 0).isPresent();
        return new DemoSummary(startedAt, program.seed, program.customers, program.days, rows,
                builder.rowsInIceberg(), builder.distinctEventIds(), builder.countedBy(), byType, identity, ledger,
                replay, nudges.orElse(null), kpis.orElse(null), models.orElse(null), steps,
                rows.stream().allMatch(SourceRow::matches) && builder.rowsInIceberg() == builder.distinctEventIds()
                        && identityOk && ledgerOk && explainedOk && modelsOk && replay.comparison().equal());
    }

    /**
     * Trains on what the pipeline wrote, in a child JVM (Spark and Flink do not share a classpath); the light preset
     * keeps the demo short, {@code ./loyalty train} runs the full grid. Returns whether training succeeded.
     */
    private boolean trainModels(LocalStack local, int days) throws Exception {
        heading(9, "Train churn and propensity models on the lakehouse (Spark MLlib in a child JVM)");
        if (!train) {
            System.out.println("  skipped: --no-train");
            return false;
        }
        if (days < MIN_TRAIN_DAYS) {
            System.out.printf("  skipped: %d days of history; the churn label needs 90 days after the holdout cutoff"
                    + " and training a cutoff before that (--days %d or more)%n", days, MIN_TRAIN_DAYS);
            return false;
        }
        long t = System.nanoTime();
        int exit = SparkJobLauncher.run(local.lakehouse(), null, TRAIN_HEAP, SparkJobLauncher.TRAIN_JOB,
                List.of("--preset", "quick"));
        step("train models", t);
        if (exit != 0) {
            System.out.println("  training failed (exit " + exit + "): the summary shows no models");
        }
        return exit == 0;
    }

    /** The member whose ledger shows the most kinds of entry (within 25 entries), explained; empty without Trino. */
    private static Optional<MemberExplanation> explainOneMember(LocalStack local) throws Exception {
        if (local.trino().isEmpty()) {
            return Optional.empty();
        }
        try (LedgerQueries queries = LedgerQueries.connect(local.trino().get().jdbcUrl(), "admin")) {
            Optional<List<String>> member = queries.mostVariedMember(25);
            if (member.isEmpty()) {
                return Optional.empty();
            }
            return ExplainMemberCommand.explain(queries, member.get().get(1), member.get().get(0), null);
        }
    }

    /** The generator's ground truth as event id → true person (CDC rows name the events they produce). */
    private static Map<String, String> personByEvent(GeneratedProgram generated) {
        Map<String, String> persons = new java.util.HashMap<>();
        for (GroundTruthRecord r : generated.groundTruth()) {
            if (GroundTruthRecord.CDC.equals(r.source()) && r.events() != null) {
                r.events().forEach(id -> persons.put(id, r.person()));
            } else {
                persons.put(r.key(), r.person());
            }
        }
        return persons;
    }

    private static BlocklistConfig programBlocklist(String program) {
        try {
            return EventJson.mapper().treeToValue(DefaultRuleSet.first(program, Instant.EPOCH).get("blocklist"),
                    BlocklistConfig.class);
        } catch (Exception e) {
            throw new IllegalStateException("the generator's rule set has no readable blocklist", e);
        }
    }

    private void printSummary(List<SourceRow> rows, SummaryBuilder builder, Map<String, Long> byType) {
        System.out.println();
        System.out.println("Summary — per source (rows counted by " + builder.countedBy() + ")");
        TextTable table = new TextTable("source", "generated", "redeliveries", "in kafka", "in iceberg",
                "duplicates dropped", "dead-lettered", "expected DLQ", "ok");
        long[] totals = new long[7];
        for (SourceRow r : rows) {
            table.row(r.source(), r.generatedEvents(), r.redeliveriesSent(), r.recordsInKafka(), r.rowsInIceberg(),
                    r.duplicatesDropped(), r.deadLettersTotal(), r.deadLettersExpected(), r.matches() ? "yes" : "NO");
            long[] add = {r.generatedEvents(), r.redeliveriesSent(), r.recordsInKafka(), r.rowsInIceberg(),
                    r.duplicatesDropped(), r.deadLettersTotal(), r.deadLettersExpected()};
            for (int i = 0; i < totals.length; i++) {
                totals[i] += add[i];
            }
        }
        table.row("total", totals[0], totals[1], totals[2], totals[3], totals[4], totals[5], totals[6],
                rows.stream().allMatch(SourceRow::matches) ? "yes" : "NO");
        System.out.print(table.render());
        System.out.printf("raw.events: %,d rows, %,d distinct event ids%n", builder.rowsInIceberg(),
                builder.distinctEventIds());

        System.out.println();
        System.out.println("Dead-letter topic by source and reason");
        TextTable dead = new TextTable("source", "reason", "records");
        rows.forEach(r -> r.deadLetters().forEach((reason, n) -> dead.row(r.source(), reason, n)));
        System.out.print(dead.render());

        System.out.println();
        System.out.println("Events in Iceberg by type");
        System.out.print(BarChart.render(byType, 40));

    }

    private void printTimings() {
        System.out.println();
        System.out.println("Timings");
        TextTable timing = new TextTable("step", "seconds");
        steps.forEach((name, seconds) -> timing.row(name, Math.round(seconds * 10) / 10.0));
        System.out.print(timing.render());
    }

    private void holdOpen(LocalStack local) throws InterruptedException {
        StackState state = local.state();
        // Registered as the default work folder's stack, so 'loyalty sql' and 'loyalty ingest' find it.
        Path stateFile = stack.workspace().stateFile();
        state.write(stateFile);
        StackStatusCommand.print(state);
        System.out.println("the stack keeps running; try ./loyalty sql \"SELECT type, count(*) FROM"
                + " iceberg.raw.events GROUP BY 1\"; press Ctrl-C (or ./loyalty stack down) to stop.");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            local.close();
            try {
                Files.deleteIfExists(stateFile);
            } catch (Exception ignored) {
                // exiting anyway
            }
            stop.countDown();
        }, "demo-shutdown"));
        stop.await();
    }

    private void step(String name, long startNanos) {
        steps.put(name, (System.nanoTime() - startNanos) / 1e9);
    }

    private static void heading(int n, String text) {
        System.out.println();
        System.out.println("[" + n + "/" + STEPS + "] " + text);
    }
}
