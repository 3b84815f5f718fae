package loyalty.flink.ledger;

import java.util.List;
import loyalty.contract.topic.Topics;
import loyalty.flink.common.IcebergTables;
import loyalty.flink.identity.RowByName;
import loyalty.lakehouse.table.Balances;
import loyalty.lakehouse.table.PointsLedger;
import loyalty.lakehouse.table.RedemptionOutcomes;
import loyalty.lakehouse.table.TierHistory;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.sink.IcebergSink;
import loyalty.flink.common.DeadLetters;
import loyalty.flink.common.JobHandle;
import loyalty.flink.common.LocalFlink;
import loyalty.flink.identity.KeyedJson;
import loyalty.flink.identity.KeyedJsonSink;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The points ledger (SPEC §4–11): the resolved stream → keyed by program → {@link ApplyLedger} → ledger entries
 * ({@code loyalty.ledger.entries}), balances ({@code loyalty.balances}, compacted), redemption outcomes
 * ({@code loyalty.redemption.outcomes}), rejected rule sets ({@code loyalty.rules.rejected}); exactly-once
 * (transactional Kafka sinks committed on checkpoints with the ledger state and the input offsets).
 *
 * <p>Event time: the watermark follows the resolved stream's {@code occurred_at}; timers for availability,
 * expiry, tier reviews and birthdays fire as it passes them. While no input arrives, event time stands still.
 */
public final class LedgerJob {
    public static final String NAME = "loyalty-ledger";
    private static final Logger LOG = LoggerFactory.getLogger(LedgerJob.class);

    private LedgerJob() {
    }

    /** Submits to a cluster; arguments as {@link LedgerJobConfig#fromProperties}, {@code --config FILE} too. */
    public static void main(String[] args) throws Exception {
        org.apache.flink.util.ParameterTool arguments = org.apache.flink.util.ParameterTool.fromArgs(args);
        java.util.Properties merged = new java.util.Properties();
        if (arguments.has("config")) {
            merged.putAll(org.apache.flink.util.ParameterTool.fromPropertiesFile(arguments.get("config"))
                    .getProperties());
        }
        merged.putAll(arguments.getProperties());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, LedgerJobConfig.fromProperties(merged));
        env.execute(NAME);
    }

    public static JobHandle startLocal(LedgerJobConfig config) {
        return startLocal(config, null);
    }

    /** @param afterRead test seam: an operator placed right after reading the resolved stream, or null */
    public static JobHandle startLocal(LedgerJobConfig config,
                                      org.apache.flink.api.common.functions.MapFunction<ResolvedRecord,
                                              ResolvedRecord> afterRead) {
        StreamExecutionEnvironment env = LocalFlink.environment(config.parallelism(), config.checkpointPath());
        build(env, config, afterRead);
        try {
            JobHandle handle = new JobHandle(NAME, env.executeAsync(NAME));
            LOG.info("event=job_started job={} id={}", NAME, handle.jobId());
            return handle;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start job " + NAME + ": " + e.getMessage(), e);
        }
    }

    public static void build(StreamExecutionEnvironment env, LedgerJobConfig config) {
        build(env, config, null);
    }

    static void build(StreamExecutionEnvironment env, LedgerJobConfig config,
                      org.apache.flink.api.common.functions.MapFunction<ResolvedRecord, ResolvedRecord> afterRead) {
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        WatermarkStrategy<byte[]> eventTime = WatermarkStrategy.<byte[]>forMonotonousTimestamps()
                .withTimestampAssigner((value, previous) -> ResolvedTime.millis(value))
                .withIdleness(config.idleness());
        DataStream<ResolvedRecord> records = env
                .fromSource(ResolvedSource.create(config.bootstrapServers(), config.groupId()), eventTime,
                        "resolved-stream")
                .uid("resolved-stream")
                .map(new ReadResolved()).name("read-resolved").uid("read-resolved");
        if (afterRead != null) {
            records = records.map(afterRead).name("after-read-probe").uid("after-read-probe");
        }
        SingleOutputStreamOperator<KeyedJson> entries = records
                .keyBy(ResolvedRecord::program, Types.STRING)
                .process(new ApplyLedger()).name("apply-ledger").uid("apply-ledger");
        String prefix = config.groupId();
        entries.sinkTo(KeyedJsonSink.exactlyOnce(config.bootstrapServers(), Topics.LEDGER.name(), prefix + "-entries"))
                .name("ledger-entries-kafka").uid("ledger-entries-kafka");
        entries.getSideOutput(LedgerOutputs.BALANCES)
                .sinkTo(KeyedJsonSink.exactlyOnce(config.bootstrapServers(), Topics.BALANCES.name(),
                        prefix + "-balances"))
                .name("balances-kafka").uid("balances-kafka");
        entries.getSideOutput(LedgerOutputs.OUTCOMES)
                .sinkTo(KeyedJsonSink.exactlyOnce(config.bootstrapServers(), Topics.REDEMPTION_OUTCOMES.name(),
                        prefix + "-outcomes"))
                .name("redemption-outcomes-kafka").uid("redemption-outcomes-kafka");
        entries.getSideOutput(LedgerOutputs.RULES_REJECTED)
                .sinkTo(KeyedJsonSink.exactlyOnce(config.bootstrapServers(), Topics.RULES_REJECTED.name(),
                        prefix + "-rules-rejected"))
                .name("rules-rejected-kafka").uid("rules-rejected-kafka");
        entries.getSideOutput(LedgerOutputs.DEAD_LETTERS)
                .sinkTo(DeadLetters.sink(config.bootstrapServers()))
                .name("ledger-dead-letters").uid("ledger-dead-letters");

        IcebergTables.ensure(config.lakehouse(), List.of(PointsLedger.DEFINITION, Balances.DEFINITION,
                TierHistory.DEFINITION, RedemptionOutcomes.DEFINITION));
        iceberg(entries, LedgerRows.entries(), config, PointsLedger.ID, null, "points-ledger-iceberg");
        iceberg(entries.getSideOutput(LedgerOutputs.BALANCES), LedgerRows.balances(), config, Balances.ID,
                List.of("program", "member_id"), "balances-iceberg");
        iceberg(entries.getSideOutput(LedgerOutputs.TIER_CHANGES), LedgerRows.tierChanges(), config,
                TierHistory.ID, null, "tier-history-iceberg");
        iceberg(entries.getSideOutput(LedgerOutputs.OUTCOMES), LedgerRows.outcomes(), config,
                RedemptionOutcomes.ID, null, "redemption-outcomes-iceberg");
    }

    /** Appends, or with a key upserts (a balance row is always the latest), committing on checkpoints. */
    private static void iceberg(DataStream<KeyedJson> records, LedgerRows rows, LedgerJobConfig config,
                                TableIdentifier table, List<String> key, String name) {
        DataStream<RowData> data = records.map(rows, RowByName.typeInfo(rows.schema()))
                .name(name + "-rows").uid(name + "-rows");
        IcebergSink.Builder builder = IcebergSink.forRowData(data)
                .tableLoader(IcebergTables.loader(config.lakehouse(), table))
                .uidSuffix(name)
                .distributionMode(DistributionMode.HASH);
        if (key != null) {
            builder = builder.equalityFieldColumns(key).upsert(true);
        }
        builder.append().name(name);
    }
}
