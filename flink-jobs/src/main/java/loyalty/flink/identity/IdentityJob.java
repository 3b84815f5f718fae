package loyalty.flink.identity;

import java.util.List;
import java.util.Properties;
import loyalty.contract.topic.Topics;
import loyalty.flink.common.DeadLetters;
import loyalty.flink.common.EventClock;
import loyalty.flink.common.IcebergTables;
import loyalty.flink.common.InputTopicsSource;
import loyalty.flink.common.JobHandle;
import loyalty.flink.common.JsonScan;
import loyalty.flink.common.KafkaInput;
import loyalty.flink.common.LocalFlink;
import loyalty.flink.raw.ParseRawEvents;
import loyalty.flink.raw.RawEvent;
import loyalty.flink.serving.IdentifierRows;
import loyalty.flink.serving.MemberRows;
import loyalty.flink.serving.ServingSchema;
import loyalty.flink.serving.ServingSink;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.IdentityEvents;
import loyalty.lakehouse.table.IdentityLinks;
import loyalty.lakehouse.table.Members;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.ParameterTool;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.sink.IcebergSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity resolution (SPEC §3): every input topic → parse → keyed by program, ordered by event time →
 * {@link ResolveIdentities} → the resolved stream for the ledger ({@code loyalty.identity.resolved}), merges and
 * conflicts ({@code loyalty.identity.changes} and Iceberg {@code identity.identity_events}), profiles (Iceberg
 * {@code identity.members}, upserted) and the identifier link history ({@code identity.identity_links}, upserted).
 *
 * <p>Exactly once: Kafka outputs are transactional and Iceberg commits belong to the checkpoint that holds the
 * resolver's state and the input offsets. Records the parser refuses are left to the raw-events job, which writes
 * them to the dead-letter topic (once, not once per job); this job dead-letters only what resolution refuses
 * ({@code no_usable_identifier}). With {@code --delivery at-least-once} the Kafka outputs are readable as soon as
 * they are written, and what followed the last checkpoint is written again after a restart (see
 * {@link loyalty.flink.common.Delivery}).
 *
 * <p>State design: the key is the program, so one subtask holds a program's whole identity graph and resolves its
 * events one after another. That is what makes merges exact and deterministic (a merge joins arbitrary identifiers,
 * which no finer key can see at once), and it bounds a program's throughput to one core: see the README.
 *
 * <p>History and live input meet through {@link EventClock}: only live events (appended to Kafka within
 * {@code --live-window}, default 1 h, of their {@code occurred_at}; {@code none} makes every event live) move the
 * watermark. A load of older events, however it arrives, waits in state and is resolved in event-time order when the
 * input goes quiet ({@code --quiet-flush}), exactly as if it had arrived live; events dated more than
 * {@code --future-tolerance} (default 5 min) after their arrival are left out here (the raw-events job dead-letters
 * them {@code future_time}) and never move the clock.
 *
 * <p>{@link #main} takes the raw-events job's arguments plus {@code --out-of-orderness}, {@code --idleness},
 * {@code --quiet-flush}, {@code --applied-ttl} (durations such as {@code 30s}, {@code 7d}), {@code --delivery},
 * {@code --live-window}, {@code --future-tolerance}, and
 * optionally {@code --serving-jdbc-url}, {@code --serving-user}, {@code --serving-password} for the serving tables.
 */
public final class IdentityJob {
    public static final String NAME = "loyalty-identity";
    private static final Logger LOG = LoggerFactory.getLogger(IdentityJob.class);

    private IdentityJob() {
    }

    public static void main(String[] args) throws Exception {
        ParameterTool arguments = ParameterTool.fromArgs(args);
        Properties merged = new Properties();
        if (arguments.has("config")) {
            merged.putAll(ParameterTool.fromPropertiesFile(arguments.get("config")).getProperties());
        }
        merged.putAll(arguments.getProperties());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, IdentityJobConfig.fromProperties(merged));
        env.execute(NAME);
    }

    /** Starts the job on a MiniCluster in this JVM; closing the handle cancels it. */
    public static JobHandle startLocal(IdentityJobConfig config) {
        return startLocal(config, null);
    }

    /** @param afterParse test seam: an operator placed right after parsing, or null */
    public static JobHandle startLocal(IdentityJobConfig config, MapFunction<RawEvent, RawEvent> afterParse) {
        StreamExecutionEnvironment env = LocalFlink.environment(config.parallelism(), config.checkpointPath());
        build(env, config, afterParse);
        try {
            JobHandle handle = new JobHandle(NAME, env.executeAsync(NAME));
            LOG.info("event=job_started job={} id={} config={}", NAME, handle.jobId(), config.describe());
            return handle;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start job " + NAME + ": " + e.getMessage(), e);
        }
    }

    public static void build(StreamExecutionEnvironment env, IdentityJobConfig config) {
        build(env, config, null);
    }

    static void build(StreamExecutionEnvironment env, IdentityJobConfig config,
                      MapFunction<RawEvent, RawEvent> afterParse) {
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(config.checkpointInterval().toMillis(), config.delivery().checkpointingMode());
        IcebergTables.ensure(config.lakehouse(),
                List.of(Members.DEFINITION, IdentityLinks.DEFINITION, IdentityEvents.DEFINITION));

        EventClock clock = config.clock();
        WatermarkStrategy<KafkaInput> eventTime = WatermarkStrategy
                .<KafkaInput>forBoundedOutOfOrderness(config.outOfOrderness())
                .withTimestampAssigner((input, previous) -> clock.clockTimestamp(
                        JsonScan.millis(input.value(), 1, "occurred_at"), input.appendedAtOr(previous)))
                .withIdleness(config.idleness());
        DataStream<KafkaInput> input = env
                .fromSource(InputTopicsSource.create(config.bootstrapServers(), config.groupId()), eventTime,
                        "kafka-inputs")
                .uid("kafka-inputs");
        DataStream<RawEvent> events = input
                .process(new ParseRawEvents(clock))
                .name("parse-events").uid("parse-events");
        if (afterParse != null) {
            events = events.map(afterParse).name("after-parse-probe").uid("after-parse-probe");
        }
        SingleOutputStreamOperator<KeyedJson> resolved = events
                .keyBy(RawEvent::program, Types.STRING)
                .process(new ResolveIdentities(config.appliedTtl(), config.quietFlush()))
                .name("resolve-identities").uid("resolve-identities");

        resolved.sinkTo(kafka(config, Topics.RESOLVED.name(), "resolved"))
                .name("resolved-kafka").uid("resolved-kafka");
        resolved.getSideOutput(IdentityOutputs.CHANGES)
                .sinkTo(kafka(config, Topics.IDENTITY_CHANGES.name(), "changes"))
                .name("identity-changes-kafka").uid("identity-changes-kafka");
        resolved.getSideOutput(IdentityOutputs.DEAD_LETTERS)
                .sinkTo(DeadLetters.sink(config.bootstrapServers()))
                .name("identity-dead-letters").uid("identity-dead-letters");
        upsert(resolved.getSideOutput(IdentityOutputs.MEMBER_ROWS), config, Members.ID,
                List.of("program", "member_id"), "members-iceberg");
        upsert(resolved.getSideOutput(IdentityOutputs.LINK_ROWS), config, IdentityLinks.ID,
                List.of("program", "link_id"), "identity-links-iceberg");
        IcebergSink.forRowData(resolved.getSideOutput(IdentityOutputs.EVENT_ROWS))
                .tableLoader(IcebergTables.loader(config.lakehouse(), IdentityEvents.ID))
                .uidSuffix("identity-events-iceberg")
                .distributionMode(DistributionMode.HASH)
                .append()
                .name("identity-events-iceberg");
        if (config.serving() != null) {
            ServingSchema.ensure(config.serving());
            resolved.getSideOutput(IdentityOutputs.MEMBER_ROWS)
                    .sinkTo(ServingSink.of(config.serving(), new MemberRows()))
                    .name("members-serving").uid("members-serving");
            resolved.getSideOutput(IdentityOutputs.LINK_ROWS)
                    .sinkTo(ServingSink.of(config.serving(), new IdentifierRows()))
                    .name("identifiers-serving").uid("identifiers-serving");
        }
    }

    /** Rows replace the row with the same key: a profile or a link row is always its latest version. */
    private static void upsert(DataStream<RowData> rows, IdentityJobConfig config, TableIdentifier table,
                               List<String> key, String name) {
        IcebergSink.forRowData(rows)
                .tableLoader(IcebergTables.loader(config.lakehouse(), table))
                .uidSuffix(name)
                .equalityFieldColumns(key)
                .upsert(true)
                .distributionMode(DistributionMode.HASH)
                .append()
                .name(name);
    }

    private static KafkaSink<KeyedJson> kafka(IdentityJobConfig config, String topic, String suffix) {
        return KeyedJsonSink.of(config.delivery(), config.bootstrapServers(), topic,
                config.groupId() + "-" + suffix);
    }
}
