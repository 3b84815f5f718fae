package loyalty.cli.clv;

import picocli.CommandLine.Command;

@Command(name = "clv", mixinStandardHelpOptions = true,
        description = "Customer lifetime value: BG/NBD (repeat purchases, P(alive)) and Gamma-Gamma (spend per"
                + " transaction), fitted by maximum likelihood.",
        subcommands = {FitClvCommand.class})
public final class ClvCommand {
}
