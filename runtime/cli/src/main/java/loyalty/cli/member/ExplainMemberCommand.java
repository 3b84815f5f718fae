package loyalty.cli.member;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.cli.TrinoOptions;
import loyalty.cli.UserError;
import loyalty.cli.TimeArgument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code loyalty member explain ID}: a member's balance rebuilt from their ledger entries, lot by lot, beside the
 * balance the live job published. Exit codes: 0 explained, 1 no such member in the ledger, 3 the entries do not add
 * up to the published balance.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Explain a member's balance from their ledger entries (lots, pending, expiry) and check it"
                + " against the published balance.")
public final class ExplainMemberCommand implements Callable<Integer> {
    static final int EXPLAINED = 0;
    static final int NOT_FOUND = 1;
    static final int MISMATCH = 3;

    @Parameters(paramLabel = "MEMBER_ID", description = "The member id, e.g. M-c1 (find it with 'member find').")
    String memberId;

    @Option(names = "--program", description = "The program (default: the member's only one).")
    String program;

    @Option(names = "--as-of", paramLabel = "INSTANT|DATE",
            description = "Explain the balance as of this event time (default: the published balance's as_of).")
    String asOf;

    @Option(names = "--entries", defaultValue = "25",
            description = "How many of the latest entries to list (default: ${DEFAULT-VALUE}; all are counted).")
    int shown;

    @Mixin
    TrinoOptions trino;

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Instant at = asOf == null ? null : TimeArgument.parse(asOf, "--as-of");
        try (LedgerQueries queries = LedgerQueries.connect(trino.jdbcUrl(stack), trino.user)) {
            Optional<MemberExplanation> explanation = explain(queries, memberId.strip(), program, at);
            if (explanation.isEmpty()) {
                out.println("no ledger entries for member " + memberId + (program == null ? "" : " in " + program));
                out.flush();
                return NOT_FOUND;
            }
            out.print(ExplanationView.render(explanation.get(), shown));
            out.flush();
            return explanation.get().explained() ? EXPLAINED : MISMATCH;
        } catch (SQLException e) {
            throw new UserError("Trino could not answer (are the ledger tables there?): " + e.getMessage());
        }
    }

    /** Empty when the member has no entries; {@code at} null means as of the published balance. */
    public static Optional<MemberExplanation> explain(LedgerQueries queries, String memberId, String program,
                                                      Instant at) throws SQLException {
        String p = program;
        if (p == null) {
            List<String> programs = queries.programsOf(memberId);
            if (programs.isEmpty()) {
                return Optional.empty();
            }
            if (programs.size() > 1) {
                throw new UserError("member " + memberId + " is in programs " + programs + ": choose with --program.");
            }
            p = programs.get(0);
        }
        List<LedgerRow> entries = queries.entries(p, memberId);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Optional<BalanceRow> balance = queries.balance(p, memberId);
        Instant when = at != null ? at
                : balance.map(BalanceRow::asOf).orElse(entries.get(entries.size() - 1).occurredAt());
        return Optional.of(MemberExplanation.of(entries, balance, when));
    }
}
