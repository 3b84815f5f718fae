package loyalty.cli;

import loyalty.cli.bench.BenchCommand;
import loyalty.cli.clv.ClvCommand;
import loyalty.cli.demo.DemoCommand;
import loyalty.cli.erase.EraseCommand;
import loyalty.cli.generate.GenerateCommand;
import loyalty.cli.ingest.IngestCommand;
import loyalty.cli.kpi.KpiCommand;
import loyalty.cli.maintain.MaintainCommand;
import loyalty.cli.member.MemberCommand;
import loyalty.cli.ml.ScoreCommand;
import loyalty.cli.ml.TrainCommand;
import loyalty.cli.replay.ReplayCommand;
import loyalty.cli.replay.SimulateCommand;
import loyalty.cli.sql.SqlCommand;
import loyalty.cli.stack.StackCommand;
import picocli.CommandLine.Command;

@Command(name = "loyalty", mixinStandardHelpOptions = true, version = "loyalty 0.1.0",
        description = "Real-time loyalty platform: run the demo, manage the local stack, generate data, ingest feeds,"
                + " query with SQL, look members up, replay the ledger and simulate rule sets.",
        subcommands = {DemoCommand.class, StackCommand.class, GenerateCommand.class, IngestCommand.class,
                SqlCommand.class, MemberCommand.class, ReplayCommand.class, SimulateCommand.class,
                BenchCommand.class, KpiCommand.class, TrainCommand.class, ScoreCommand.class, ClvCommand.class,
                MaintainCommand.class, EraseCommand.class})
public final class LoyaltyCommand {
}
