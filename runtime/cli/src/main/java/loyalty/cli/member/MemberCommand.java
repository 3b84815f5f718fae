package loyalty.cli.member;

import picocli.CommandLine.Command;

@Command(name = "member", mixinStandardHelpOptions = true,
        description = "Look members up in the identity tables (identity.members, identity.identity_links) and explain"
                + " their balances from the ledger, through Trino.",
        subcommands = {FindMemberCommand.class, ExplainMemberCommand.class})
public final class MemberCommand {
}
