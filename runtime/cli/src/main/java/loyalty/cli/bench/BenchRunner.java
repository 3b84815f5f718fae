package loyalty.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import loyalty.cli.FreshWorkspace;
import loyalty.cli.StackOptions;
import loyalty.cli.Workspace;
import loyalty.cli.generate.GenerateCommand;
import loyalty.cli.stack.LocalStack;
import loyalty.cli.stack.StackProfile;
import loyalty.contract.event.EventJson;
import loyalty.contract.topic.TopicSpec;
import loyalty.generator.GeneratedFiles;
import loyalty.generator.GeneratedProgram;
import loyalty.generator.Generator;
import loyalty.generator.GeneratorConfig;
import loyalty.generator.feed.FeedSource;

/**
 * What every benchmark does around its measurements: check the settings before anything is deleted, note the
 * machine, empty {@code <work>/bench}, number the steps, generate the program, start the embedded stack and write
 * the figures. The measurements are each command's own.
 */
final class BenchRunner {
    /** How long a Flink job may take from submission to running; not part of any figure. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final BenchRun run;
    private final int customers;
    private final int steps;
    private final GeneratorConfig generatorConfig;
    private final Workspace workspace;
    private final Instant startedAt = Instant.now();
    private final Machine machine = Machine.current();
    private int step;

    private BenchRunner(BenchRun run, int customers, int steps, GeneratorConfig generatorConfig,
                        Workspace workspace) {
        this.run = run;
        this.customers = customers;
        this.steps = steps;
        this.generatorConfig = generatorConfig;
        this.workspace = workspace;
    }

    /** @throws loyalty.cli.UserError for settings no run can use, before the previous run's folder is emptied */
    static BenchRunner prepare(StackOptions stack, BenchRun run, int customers, int steps) throws IOException {
        run.validate(customers);
        GeneratorConfig config = run.generatorConfig(customers);
        Workspace bench = FreshWorkspace.create(stack.workspace(), "bench", "the benchmark");
        return new BenchRunner(run, customers, steps, config, bench);
    }

    void heading(String text) {
        step++;
        System.out.println();
        System.out.println("[" + step + "/" + steps + "] " + text);
    }

    /** A generated program and its feed files in the bench's folder. */
    record Generated(GeneratedProgram program, Map<FeedSource, Path> files) {
    }

    /** Generates the program under its own heading, writes its files and prints its manifest. */
    Generated generate() throws IOException {
        heading("Generate " + customers + " customers over " + run.days + " days (seed " + run.seed + ")");
        GeneratedProgram program = Generator.generate(generatorConfig);
        Map<FeedSource, Path> files = GeneratedFiles.write(workspace.generated(), program);
        System.out.print(GenerateCommand.manifestTable(program.manifest()).render());
        return new Generated(program, files);
    }

    /** PostgreSQL, Kafka, Iceberg and the raw-events job, set as the run says. */
    StackProfile pipelineOnly(List<TopicSpec<String, byte[]>> extraTopics) {
        return StackProfile.pipelineOnly(run.checkpointInterval, run.parallelism, extraTopics);
    }

    /** The same with Debezium capturing the operational tables, the only way in for enrolments. */
    StackProfile pipelineWithCdc(List<TopicSpec<String, byte[]>> extraTopics) {
        StackProfile p = pipelineOnly(extraTopics);
        return new StackProfile(true, p.feedHttp(), p.trino(), p.checkpointInterval(), p.parallelism(),
                p.extraTopics(), p.identityOutOfOrderness(), p.ledgerLiveClockLag(), false);
    }

    /** Starts the stack in {@code <work>/bench}, printing the machine and each component as it comes up. */
    LocalStack startStack(StackOptions stack, StackProfile profile) {
        System.out.println("  machine: " + machine.describe());
        return LocalStack.start(stack, workspace, profile,
                (component, detail) -> System.out.printf("  %-11s %s%n", component, detail));
    }

    /** Writes the figures to {@code out}, or to {@code defaultName} in the bench's folder. */
    Path write(Object report, Path out, String defaultName) throws IOException {
        Path file = out != null ? out : workspace.root().resolve(defaultName);
        Files.createDirectories(file.toAbsolutePath().getParent());
        EventJson.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report);
        System.out.println("figures written to " + file);
        System.out.println("stopping the stack …");
        return file;
    }

    Instant startedAt() {
        return startedAt;
    }

    Machine machine() {
        return machine;
    }

    Workspace workspace() {
        return workspace;
    }
}
