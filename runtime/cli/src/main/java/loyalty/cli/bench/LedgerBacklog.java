package loyalty.cli.bench;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import loyalty.cli.UserError;
import loyalty.cli.console.Progress;
import loyalty.cli.stack.LocalStack;
import loyalty.generator.GeneratedProgram;
import loyalty.generator.operational.OperationalWriter;
import loyalty.stack.postgres.PostgresCluster;
import me.tongfei.progressbar.ProgressBar;

/**
 * Puts a whole generated program on the input topics before any measured job starts, the way the platform takes
 * it in: the operational rows (customers, orders, returns, rule sets) into PostgreSQL, where Debezium captures them
 * — enrolments come only from there, and without them the ledger would have nothing to earn on — and every feed
 * line through the validating publisher. Then the input topics are read once, for what the runs need to know.
 */
final class LedgerBacklog {
    private LedgerBacklog() {
    }

    /**
     * @param operationalChanges statements run against the operational tables
     * @param cdcEvents          distinct events CDC put on the input topics (the manifest's valid CDC events)
     * @param distinctEvents     every distinct event on the input topics: what resolution has to settle
     * @param enrolments         the member.enrolled events: event id → program
     */
    record Loaded(long operationalChanges, IdentityBacklog.Published feeds, long cdcEvents,
                  TopicCounter.Tally input, Set<String> distinctEvents, Map<String, String> enrolments,
                  double seconds) {
    }

    static Loaded load(LocalStack local, GeneratedProgram program, Duration timeout) throws Exception {
        long start = System.nanoTime();
        int changes;
        try (Connection c = local.postgres().connect(PostgresCluster.SHOP_DB)) {
            changes = OperationalWriter.write(c, program.operationalChanges()).changes();
        }
        System.out.printf("  %,d inserts and updates into customers, orders, returns, loyalty_rule_sets%n", changes);
        String kafka = local.kafka().bootstrapServers();
        IdentityBacklog.Published feeds = IdentityBacklog.publishFeeds(kafka, program);
        long expectedCdc = program.manifest().source("cdc").valid();
        try (InputScan scan = new InputScan(kafka)) {
            awaitCdc(local, scan, expectedCdc, timeout);
            scan.readToEnd();
            Loaded loaded = new Loaded(changes, feeds, scan.distinctFromCdc(), scan.tally(), scan.distinctEvents(),
                    scan.enrolments(), (System.nanoTime() - start) / 1e9);
            System.out.printf("  %,d feed lines (%,d dead-lettered by the publisher) and %,d CDC events: %,d records"
                            + " on the input topics (%.1f MB), %,d distinct events, %,d enrolments, in %.1f s%n",
                    feeds.feedLines(), feeds.rejectedLines(), loaded.cdcEvents(), loaded.input().records(),
                    loaded.input().bytes() / 1e6, loaded.distinctEvents().size(), loaded.enrolments().size(),
                    loaded.seconds());
            return loaded;
        }
    }

    /** Debezium delivers at its own pace: waits until every valid CDC event of the manifest is on a topic. */
    private static void awaitCdc(LocalStack local, InputScan scan, long expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ProgressBar bar = Progress.bar("CDC events", expected, null, 1)) {
            while (scan.distinctFromCdc() < expected) {
                scan.poll(); // waits up to a tenth of a second for records: paces the loop
                bar.stepTo(scan.distinctFromCdc());
                if (local.cdc().failure().isPresent()) {
                    throw new UserError("CDC stopped: " + local.cdc().failure().get().getMessage());
                }
                if (System.nanoTime() > deadline) {
                    throw new UserError("only " + scan.distinctFromCdc() + " of " + expected + " CDC events reached"
                            + " the input topics within " + timeout.toSeconds() + " s; see the log file, or raise"
                            + " --timeout.");
                }
            }
            bar.stepTo(scan.distinctFromCdc());
        }
    }
}
