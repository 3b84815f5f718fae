package loyalty.flink.ledger;

import loyalty.contract.topic.Topics;
import loyalty.flink.common.IcebergTables;
import loyalty.flink.serving.BalanceRows;
import loyalty.flink.serving.EntryRows;
import loyalty.flink.serving.ServingSchema;
import loyalty.flink.serving.ServingSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import loyalty.flink.common.DeadLetters;
import loyalty.flink.common.Delivery;
import loyalty.flink.common.JobHandle;
import loyalty.flink.common.JsonScan;
import loyalty.flink.common.LocalFlink;
import loyalty.flink.identity.KeyedJson;
import loyalty.flink.identity.KeyedJsonSink;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The points ledger (SPEC §4–11): the resolved stream → keyed by program → {@link ApplyLedger} → ledger entries
 * ({@code loyalty.ledger.entries}), balances ({@code loyalty.balances}, compacted), redemption outcomes
 * ({@code loyalty.redemption.outcomes}), rejected rule sets ({@code loyalty.rules.rejected}), delivered nudges
 * ({@code loyalty.nudges}; every nudge, suppressed ones too, goes to {@code ledger.nudges}); exactly-once
 * (transactional Kafka sinks committed on checkpoints with the ledger state and the input offsets), or
 * at-least-once with {@code --delivery at-least-once} (see {@link Delivery}).
 *
 * <p>Event time: the watermark follows the resolved stream's {@code occurred_at}; timers for availability,
 * expiry, tier reviews, birthdays, expiry reminders and lapses fire as it passes them. While no input arrives,
 * event time stands still.
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
        env.enableCheckpointing(config.checkpointInterval().toMillis(), config.delivery().checkpointingMode());
        WatermarkStrategy<byte[]> eventTime = (config.liveClockLag() == null
                ? WatermarkStrategy.<byte[]>forMonotonousTimestamps()
                        .withTimestampAssigner((value, previous) -> JsonScan.millis(value, 2, "occurred_at"))
                : LiveClock.strategy(config.liveClockLag()))
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
        Delivery delivery = config.delivery();
        entries.sinkTo(KeyedJsonSink.of(delivery, config.bootstrapServers(), Topics.LEDGER.name(),
                        prefix + "-entries"))
                .name("ledger-entries-kafka").uid("ledger-entries-kafka");
        entries.getSideOutput(LedgerOutputs.BALANCES)
                .sinkTo(KeyedJsonSink.of(delivery, config.bootstrapServers(), Topics.BALANCES.name(),
                        prefix + "-balances"))
                .name("balances-kafka").uid("balances-kafka");
        entries.getSideOutput(LedgerOutputs.OUTCOMES)
                .sinkTo(KeyedJsonSink.of(delivery, config.bootstrapServers(), Topics.REDEMPTION_OUTCOMES.name(),
                        prefix + "-outcomes"))
                .name("redemption-outcomes-kafka").uid("redemption-outcomes-kafka");
        entries.getSideOutput(LedgerOutputs.RULES_REJECTED)
                .sinkTo(KeyedJsonSink.of(delivery, config.bootstrapServers(), Topics.RULES_REJECTED.name(),
                        prefix + "-rules-rejected"))
                .name("rules-rejected-kafka").uid("rules-rejected-kafka");
        // Marketing tools act on the topic, so only delivered nudges go there; the lakehouse keeps them all.
        entries.getSideOutput(LedgerOutputs.NUDGES)
                .filter(new DeliveredNudges()).name("delivered-nudges").uid("delivered-nudges")
                .sinkTo(KeyedJsonSink.of(delivery, config.bootstrapServers(), Topics.NUDGES.name(),
                        prefix + "-nudges"))
                .name("nudges-kafka").uid("nudges-kafka");
        entries.getSideOutput(LedgerOutputs.DEAD_LETTERS)
                .sinkTo(DeadLetters.sink(config.bootstrapServers()))
                .name("ledger-dead-letters").uid("ledger-dead-letters");

        IcebergTables.ensure(config.lakehouse(), LedgerTables.definitions(LedgerTables.LIVE_NAMESPACE));
        LedgerTables.attach(entries, config.lakehouse(), LedgerTables.LIVE_NAMESPACE);
        if (config.serving() != null) {
            ServingSchema.ensure(config.serving());
            entries.sinkTo(ServingSink.of(config.serving(), new EntryRows()))
                    .name("ledger-entries-serving").uid("ledger-entries-serving");
            entries.getSideOutput(LedgerOutputs.SERVING_BALANCES)
                    .sinkTo(ServingSink.of(config.serving(), new BalanceRows()))
                    .name("balances-serving").uid("balances-serving");
        }
    }
}
