package loyalty.cli.generate;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.cli.UserError;
import loyalty.cli.console.TextTable;
import loyalty.cli.stack.StackState;
import loyalty.generator.GeneratedFiles;
import loyalty.generator.GeneratedProgram;
import loyalty.generator.Generator;
import loyalty.generator.GeneratorConfig;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.operational.OperationalWriter;
import loyalty.generator.truth.Manifest;
import loyalty.generator.truth.SourceCounts;
import loyalty.stack.postgres.PostgresCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a seeded synthetic retail program: operational rows into the running stack's"
                + " PostgreSQL (captured by CDC), feed files, ground truth and manifest into the output folder.")
public final class GenerateCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Mixin
    ProgramOptions program;

    @Option(names = "--out", description = "Output folder (default: <work>/generated).")
    Path out;

    @Option(names = "--files-only", description = "Write only the files; no running stack needed.")
    boolean filesOnly;

    @Override
    public Integer call() throws Exception {
        Optional<StackState> state = StackState.readLive(stack.workspace().stateFile());
        if (!filesOnly && state.isEmpty()) {
            throw new UserError("no local stack is running to receive the operational rows: start it with"
                    + " './loyalty stack up', or pass --files-only.");
        }
        program.futureNote(LocalDate.now(ZoneOffset.UTC)).ifPresent(System.out::println);
        Path dir = out != null ? out : stack.workspace().generated();
        long started = System.nanoTime();
        GeneratedProgram generated = Generator.generate(program.config());
        Map<FeedSource, Path> files = GeneratedFiles.write(dir, generated);
        System.out.printf("generated %,d customers over %d days (seed %d) in %.1f s%n", program.customers,
                program.days, program.seed, (System.nanoTime() - started) / 1e9);
        if (state.isPresent()) {
            try (Connection c = DriverManager.getConnection(state.get().shopJdbcUrl(), PostgresCluster.USER,
                    PostgresCluster.PASSWORD)) {
                OperationalWriter.Summary written = OperationalWriter.write(c, generated.operationalChanges());
                System.out.printf("wrote %,d operational changes into %s%n", written.changes(),
                        state.get().shopJdbcUrl());
            }
        }
        System.out.print(manifestTable(generated.manifest()).render());
        files.forEach((source, file) -> System.out.println("  " + source.code() + ": " + file));
        System.out.println("  ground truth and manifest: " + dir);
        return 0;
    }

    public static TextTable manifestTable(Manifest manifest) {
        TextTable table = new TextTable("source", "valid events", "redeliveries", "invalid lines", "invalid reasons");
        manifest.sources().forEach((name, c) -> table.row(name, c.valid(), c.duplicates(),
                c.invalidTotal(), nonZero(c.invalid())));
        return table;
    }

    private static String nonZero(Map<String, Long> counts) {
        Map<String, Long> shown = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (v != 0) {
                shown.put(k, v);
            }
        });
        return shown.isEmpty() ? "-" : shown.toString();
    }

    /** The generator's knobs, shared by 'generate', 'demo' and 'bench'. */
    public static final class ProgramOptions {
        @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
        public long seed;

        @Option(names = "--customers", defaultValue = "2000",
                description = "Number of customers (default: ${DEFAULT-VALUE}).")
        public int customers;

        @Option(names = "--days", defaultValue = "180", description = "Days of history (default: ${DEFAULT-VALUE}).")
        public int days;

        @Option(names = "--start", defaultValue = "2026-01-01",
                description = "First day of history, UTC (default: ${DEFAULT-VALUE}).")
        public LocalDate start;

        @Option(names = "--program", defaultValue = "acme", description = "Program id (default: ${DEFAULT-VALUE}).")
        public String programId;

        @Option(names = "--second-program", description = "Also generate a second program (multi-brand).")
        public String secondProgram;

        public GeneratorConfig config() {
            if (customers < 1) {
                throw new UserError("--customers must be at least 1, got " + customers + ".");
            }
            if (days < 1) {
                throw new UserError("--days must be at least 1, got " + days + ".");
            }
            GeneratorConfig config = GeneratorConfig.defaults(seed).withCustomers(customers)
                    .withProgram(programId).withPeriod(start, days);
            return secondProgram == null ? config : config.withSecondProgram(secondProgram);
        }

        /**
         * A note when the period runs past today: a stack dead-letters events dated more than a few minutes after
         * they arrive ({@code future_time}), so such a load would lose its last days.
         */
        public Optional<String> futureNote(LocalDate today) {
            LocalDate end = start.plusDays(days);
            return end.isAfter(today.plusDays(1))
                    ? Optional.of("note: " + start + " + " + days + " days runs to " + end + ", past today (" + today
                            + "); a stack dead-letters events from the future (future_time): pass --start "
                            + today.minusDays(days) + " to end today.")
                    : Optional.empty();
        }
    }
}
