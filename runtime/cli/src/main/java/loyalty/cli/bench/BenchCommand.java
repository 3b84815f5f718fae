package loyalty.cli.bench;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: each runs on a fresh embedded stack, prints its figures and writes them as JSON.",
        subcommands = {IngestBenchCommand.class, IdentityBenchCommand.class, LedgerBenchCommand.class,
                SqlBenchCommand.class})
public final class BenchCommand {
}
