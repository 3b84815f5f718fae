package loyalty.cli.member;

import picocli.CommandLine.Command;

@Command(name = "member", mixinStandardHelpOptions = true,
        description = "Look members up in the identity tables (identity.members, identity.identity_links) through"
                + " Trino.",
        subcommands = {FindMemberCommand.class})
public final class MemberCommand {
}
