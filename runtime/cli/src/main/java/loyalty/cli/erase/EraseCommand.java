package loyalty.cli.erase;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.cli.TrinoOptions;
import loyalty.cli.UserError;
import loyalty.cli.stack.StackState;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.erasure.CatalogManifestRewriter;
import loyalty.lakehouse.erasure.Erasure;
import loyalty.lakehouse.erasure.ErasureReport;
import loyalty.lakehouse.erasure.ErasureRequest;
import loyalty.lakehouse.erasure.Pseudonyms;
import loyalty.lakehouse.erasure.UnknownMemberException;
import loyalty.stack.trino.TableRenderer;
import loyalty.stack.trino.TrinoSql;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "erase", mixinStandardHelpOptions = true,
        description = "Erase a member (GDPR art. 17 / CCPA deletion) from the lakehouse: profile, identifier links and"
                + " the personal data of their raw events go; ledger, balances, nudges and scores keep their rows under"
                + " a pseudonym, so totals do not change; the changed tables are rewritten and their older snapshots"
                + " expired, so no file keeps the data; an audit row goes to audit.erasures. See lakehouse/ERASURE.md"
                + " for what it does not reach (Kafka, Flink state, the operational database).")
public final class EraseCommand implements Callable<Integer> {
    static final String CATALOG = "iceberg";

    @Mixin
    StackOptions stack;

    @Mixin
    TrinoOptions trino;

    @Parameters(index = "0", paramLabel = "MEMBER",
            description = "A member id (M-...) or any identifier of the member: email, phone, card, CRM id, device.")
    String subject;

    @Option(names = "--reason", required = true, description = "Why, e.g. the ticket of the request (stored in"
            + " audit.erasures, with any identifier of the member blanked out).")
    String reason;

    @Option(names = "--requested-by", required = true, description = "Who asked for the erasure.")
    String requestedBy;

    @Option(names = "--program", description = "The program, when the identifier is known in several.")
    String program;

    @Option(names = "--orphan-retention", defaultValue = "0s", description = "Delete unreferenced files older than"
            + " this; 0s leaves nothing behind but needs the streaming jobs stopped (default: ${DEFAULT-VALUE}).")
    String orphanRetention;

    @Override
    public Integer call() {
        Duration orphans = parseRetention(orphanRetention);
        StackState state = StackState.readLive(stack.workspace().stateFile())
                .orElseThrow(() -> new UserError("no local stack is running in " + stack.workspace().root()
                        + ": start it with './loyalty stack up'; an erasure needs its Trino and its Iceberg catalog."));
        LakehouseConfig lakehouse = state.lakehouse();
        TrinoSql sql = new TrinoSql(Erasure.jdbcUrl(trino.jdbcUrl(stack), CATALOG, orphans), trino.user);
        Pseudonyms pseudonyms = new Pseudonyms(ErasureSalt.of(stack.workspace().root()));
        try (Lakehouse catalog = Lakehouse.open(lakehouse)) {
            Erasure erasure = new Erasure(s -> sql.query(s).rows(), CATALOG,
                    new CatalogManifestRewriter(catalog.catalog()), pseudonyms, orphans, Clock.systemUTC());
            ErasureReport report = erasure.erase(new ErasureRequest(subject, Optional.ofNullable(program), reason,
                    requestedBy, Instant.now()));
            System.out.print(ErasureTable.summary(report));
            System.out.print(TableRenderer.render(ErasureTable.of(report)));
            return 0;
        } catch (UnknownMemberException e) {
            throw new UserError(e.getMessage() + " Nothing was changed.");
        } catch (SQLException e) {
            throw new UserError("The erasure stopped: " + e.getMessage() + " Tables already changed stay changed;"
                    + " run the same command again to finish it (it is idempotent).");
        } catch (UserError e) {
            throw e;
        } catch (Exception e) {
            throw new UserError("The erasure stopped: " + e.getMessage()
                    + " Run the same command again to finish it (it is idempotent).");
        }
    }

    static Duration parseRetention(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})([dhms])").matcher(text.strip());
        if (!m.matches()) {
            throw new UserError("--orphan-retention '" + text + "' is not a duration such as 1h, 30m or 0s.");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
