package loyalty.cli.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.cli.UserError;
import loyalty.cli.console.Progress;
import loyalty.cli.console.TextTable;
import loyalty.cli.stack.StackState;
import loyalty.contract.publish.EventPublisher;
import loyalty.feeds.IngestReport;
import loyalty.feeds.file.JsonLinesIngest;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Ingest channel feed files (JSON Lines, one SPEC §2 event per line) into Kafka; invalid lines"
                + " go to the dead-letter topic with their reason and line number.")
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: the running local stack's).")
    String bootstrap;

    @Option(names = "--late", description = "Send events older than what the stack has already resolved; they are"
            + " applied as late events (SPEC §1). Without it such a load is refused before anything is sent.")
    boolean late;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "JSON Lines files.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new UserError("cannot read " + file + ": check the path.");
            }
        }
        String servers = bootstrap != null ? bootstrap : StackState.readLive(stack.workspace().stateFile())
                .map(StackState::kafkaBootstrap)
                .orElseThrow(() -> new UserError("no local stack is running: start it with './loyalty stack up'"
                        + " or pass --bootstrap HOST:PORT."));
        if (!late) {
            Optional<Instant> resolved = HistoryGuard.resolvedUpTo(servers);
            if (resolved.isPresent()) {
                HistoryGuard.Verdict verdict = HistoryGuard.check(files, resolved.get());
                if (verdict.late()) {
                    throw new UserError(verdict.message(files));
                }
            }
        }
        IngestReport total = IngestReport.empty("total");
        TextTable table = new TextTable("file", "records", "accepted", "dead-lettered", "reasons");
        try (EventPublisher publisher = EventPublisher.connect(servers, "loyalty-ingest")) {
            JsonLinesIngest ingest = new JsonLinesIngest(publisher);
            for (Path file : files) {
                IngestReport report;
                try (ProgressBar bar = Progress.bytes(file.getFileName().toString(), Files.size(file))) {
                    report = ingest.ingest(file, bar::stepTo);
                }
                table.row(file.getFileName(), report.records(), report.accepted(), report.rejected(),
                        reasons(report));
                total = total.plus(report);
            }
        }
        if (files.size() > 1) {
            table.row("total", total.records(), total.accepted(), total.rejected(), reasons(total));
        }
        System.out.print(table.render());
        return 0;
    }

    static String reasons(IngestReport report) {
        return report.rejectedByReason().isEmpty() ? "-" : report.rejectedByReason().toString();
    }
}
