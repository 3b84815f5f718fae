package loyalty.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import loyalty.cli.stack.LocalStack;
import loyalty.flink.common.Delivery;
import loyalty.flink.identity.IdentityJobConfig;
import loyalty.flink.ledger.LedgerJobConfig;
import loyalty.flink.serving.ServingDb;
import loyalty.lakehouse.catalog.LakehouseConfig;

/**
 * One identity + ledger pipeline of the ledger bench: its consumer groups, its checkpoint folders (jobs started
 * again from them resume where they stopped, state and offsets), an Iceberg catalog of its own and the serving
 * database, if any. Each job's delivery guarantee is chosen when it starts, not here.
 */
record Pipeline(String name, String identityGroup, String ledgerGroup, Path identityCheckpoints,
                Path ledgerCheckpoints, LakehouseConfig catalog, ServingDb serving) {

    /** @param serving the serving tables' database, or null when the stack has none */
    static Pipeline create(LocalStack local, String name, ServingDb serving) {
        Path checkpoints = local.workspace().checkpoints().resolve(name);
        return new Pipeline(name, "loyalty-bench-" + name + "-identity", "loyalty-bench-" + name + "-ledger",
                checkpoints.resolve("identity"), checkpoints.resolve("ledger"),
                SeparateCatalog.create(local, "lakehouse_" + name.replace('-', '_')), serving);
    }

    /** The identity job for a backlog: backfill mode, as the identity bench runs it. */
    IdentityJobConfig backfillIdentity(LocalStack local, BenchRun run, Delivery delivery) {
        return IdentityBenchCommand.backfill(local, run, catalog, identityGroup)
                .withCheckpointDir(identityCheckpoints)
                .withDelivery(delivery)
                .withServing(serving);
    }

    /**
     * The identity job for live traffic: an event is resolved once the watermark, {@code outOfOrderness} behind the
     * newest event, passes it (SPEC §1 order), so the bound is also the least latency of every event.
     */
    IdentityJobConfig liveIdentity(LocalStack local, BenchRun run, Delivery delivery, Duration outOfOrderness) {
        return backfillIdentity(local, run, delivery)
                .withOutOfOrderness(outOfOrderness)
                .withQuietFlush(IdentityJobConfig.DEFAULT_QUIET_FLUSH);
    }

    LedgerJobConfig ledger(LocalStack local, BenchRun run, Delivery delivery) {
        return LedgerJobConfig.defaults(local.kafka().bootstrapServers(), catalog)
                .withGroupId(ledgerGroup)
                .withCheckpointInterval(run.checkpointInterval)
                .withParallelism(run.parallelism)
                .withCheckpointDir(ledgerCheckpoints)
                .withDelivery(delivery)
                .withServing(serving);
    }
}
