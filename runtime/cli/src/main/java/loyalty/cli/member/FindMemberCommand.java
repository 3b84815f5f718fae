package loyalty.cli.member;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.cli.TrinoOptions;
import loyalty.cli.UserError;
import loyalty.identity.normalize.Blocklist;
import loyalty.identity.normalize.BlocklistConfig;
import loyalty.identity.normalize.IdentifierType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loyalty member find}: who holds an identifier now, their unified profile (and, when that member was merged
 * away, the survivor's), and the identifier's link history. The value is normalised exactly as the pipeline does, so
 * it may be typed in any form the pipeline accepts. Exit codes: 0 found, 1 not found, 2 a value the pipeline would
 * reject (nothing can be linked to it).
 */
@Command(name = "find", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Find a member by one identifier (normalised as the pipeline does) or by member id, and show the"
                + " profile and the identifier's link history. Exit code 1 when nobody holds it.")
public final class FindMemberCommand implements Callable<Integer> {
    static final int FOUND = 0;
    static final int NOT_FOUND = 1;
    static final int INVALID_VALUE = 2;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Key key;

    @Option(names = "--country", paramLabel = "CC",
            description = "With --phone: the ISO country national numbers are read in (default: US, the default"
                    + " rule set's default_region).")
    String country;

    @Option(names = "--program", description = "Only this program (default: all programs).")
    String program;

    @Mixin
    TrinoOptions trino;

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    /** Exactly one of these: what to look the member up by. */
    static final class Key {
        @Option(names = "--email", required = true) String email;
        @Option(names = "--phone", required = true) String phone;
        @Option(names = "--card", required = true) String card;
        @Option(names = "--crm-id", required = true) String crmId;
        @Option(names = "--device", required = true) String device;
        @Option(names = "--id", required = true, paramLabel = "MEMBER_ID") String memberId;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<SearchedIdentifier> searched;
        try {
            searched = searchedIdentifier();
        } catch (SearchedIdentifier.InvalidIdentifier e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return INVALID_VALUE;
        }
        try (MemberQueries queries = MemberQueries.connect(trino.jdbcUrl(stack), trino.user)) {
            int exit = searched.isPresent() ? findByIdentifier(queries, searched.get(), out)
                    : findById(queries, key.memberId.strip(), out);
            out.flush();
            return exit;
        } catch (SQLException e) {
            throw new UserError("Trino could not answer (are the identity tables there? './loyalty stack up' creates"
                    + " them): " + e.getMessage());
        }
    }

    private Optional<SearchedIdentifier> searchedIdentifier() {
        if (key.memberId != null) {
            if (country != null) {
                throw new SearchedIdentifier.InvalidIdentifier("--country only applies to --phone");
            }
            return Optional.empty();
        }
        IdentifierType type = key.email != null ? IdentifierType.EMAIL
                : key.phone != null ? IdentifierType.PHONE
                : key.card != null ? IdentifierType.CARD
                : key.crmId != null ? IdentifierType.CRM_ID
                : IdentifierType.DEVICE_ID;
        String raw = switch (type) {
            case EMAIL -> key.email;
            case PHONE -> key.phone;
            case CARD -> key.card;
            case CRM_ID -> key.crmId;
            case DEVICE_ID -> key.device;
        };
        return Optional.of(SearchedIdentifier.normalise(type, raw, country));
    }

    private int findByIdentifier(MemberQueries queries, SearchedIdentifier id, PrintWriter out) throws SQLException {
        Optional<String> inProgram = Optional.ofNullable(program);
        List<LinkRow> current = queries.currentLinks(inProgram, id);
        List<LinkRow> history = queries.history(inProgram, id);
        if (current.isEmpty()) {
            out.println("no member holds " + id.describe() + scope() + blocklistNote(id));
            if (!history.isEmpty()) {
                out.println();
                out.println("earlier links of " + id.type() + " " + id.value() + ":");
                out.print(ProfileView.history(history, false));
            }
            return NOT_FOUND;
        }
        out.println(id.describe());
        Set<String> shown = new HashSet<>();
        for (LinkRow link : current) {
            showWithSurvivor(queries, link.program(), link.memberId(), shown, out);
        }
        out.println();
        out.println("link history of " + id.type() + " " + id.value() + ":");
        out.print(ProfileView.history(history, false));
        return FOUND;
    }

    private int findById(MemberQueries queries, String memberId, PrintWriter out) throws SQLException {
        Optional<String> inProgram = Optional.ofNullable(program);
        List<MemberRow> members = queries.members(inProgram, memberId);
        if (members.isEmpty()) {
            out.println("no member " + memberId + scope());
            return NOT_FOUND;
        }
        Set<String> shown = new HashSet<>();
        for (MemberRow member : members) {
            show(queries, member, shown, out);
        }
        out.println();
        out.println("links of " + memberId + ":");
        out.print(ProfileView.history(queries.linksOf(inProgram, memberId), true));
        return FOUND;
    }

    private void showWithSurvivor(MemberQueries queries, String program, String memberId, Set<String> shown,
                                  PrintWriter out) throws SQLException {
        Optional<MemberRow> member = queries.member(program, memberId);
        if (member.isEmpty()) {
            if (shown.add(program + "/" + memberId)) {
                out.println();
                out.print(ProfileView.missingProfile(program, memberId));
            }
            return;
        }
        show(queries, member.get(), shown, out);
    }

    /** The member, then its survivor if it was merged: followed once, as a survivor is never merged itself. */
    private void show(MemberQueries queries, MemberRow member, Set<String> shown, PrintWriter out)
            throws SQLException {
        List<MemberRow> chain = new ArrayList<>();
        chain.add(member);
        if (member.isMerged()) {
            queries.member(member.program(), member.mergedInto()).ifPresent(chain::add);
        }
        for (int i = 0; i < chain.size(); i++) {
            MemberRow m = chain.get(i);
            if (!shown.add(m.program() + "/" + m.memberId())) {
                continue;
            }
            out.println();
            if (i > 0) {
                out.println("survivor of the merge:");
            }
            out.print(ProfileView.profile(m));
        }
        if (member.isMerged() && chain.size() == 1) {
            out.println("  (the survivor " + member.mergedInto() + " has no row in identity.members yet)");
        }
    }

    private String scope() {
        return program == null ? "" : " in program " + program;
    }

    /** A hint for the usual reason an identifier is never linked; rule sets may block more than the default. */
    private static String blocklistNote(SearchedIdentifier id) {
        if (!id.type().isStrong()) {
            return "";
        }
        return Blocklist.of(BlocklistConfig.DEFAULT).blocks(id.type(), id.value())
                .map(why -> " (" + why + " of the default rule set, so the pipeline ignores it)")
                .orElse("");
    }

}
