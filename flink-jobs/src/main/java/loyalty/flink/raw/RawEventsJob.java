package loyalty.flink.raw;

import java.util.List;
import java.util.Properties;
import loyalty.flink.common.DeadLetters;
import loyalty.flink.common.EventClock;
import loyalty.flink.common.InputTopicsSource;
import loyalty.flink.common.JobHandle;
import loyalty.flink.common.KafkaInput;
import loyalty.flink.common.LocalFlink;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.RawEvents;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.ParameterTool;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.IcebergSink;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first job: every input topic → parse → drop repeated event ids → Iceberg {@code raw.events}, exactly once.
 *
 * <p>Exactly once end to end: Kafka offsets, the deduplication state and the Iceberg data files written since the
 * last checkpoint all belong to the same checkpoint, and rows become visible only when Iceberg commits that
 * checkpoint. After a failure the job resumes from the last completed checkpoint: records read since are read
 * again, and the files written for them were never committed. Dead letters (records that are not an event) go to
 * {@link Topics#DEAD_LETTER} at least once (see {@link DeadLetters#sink}).
 *
 * <p>{@link #main} arguments, as {@code --name value} pairs, optionally from a properties file given with
 * {@code --config <file>} (arguments win over the file):
 * <ul>
 *   <li>{@code --bootstrap-servers} Kafka brokers (required)</li>
 *   <li>{@code --catalog-uri}, {@code --catalog-user}, {@code --catalog-password} the Iceberg JDBC catalog, e.g.
 *       {@code jdbc:postgresql://host:5432/lakehouse} (required)</li>
 *   <li>{@code --warehouse} the warehouse location, e.g. {@code s3://bucket/warehouse} or {@code file:///data/wh}
 *       (required)</li>
 *   <li>{@code --group-id} consumer group (default {@value RawEventsJobConfig#DEFAULT_GROUP_ID})</li>
 *   <li>{@code --checkpoint-interval} e.g. {@code 10s} (default 10 s); {@code --dedupe-ttl} e.g. {@code 7d}
 *       (default 7 days); {@code --parallelism} (default 2)</li>
 *   <li>{@code --future-tolerance} e.g. {@code 5min} (the default): an event dated further ahead of its arrival in
 *       Kafka is dead-lettered {@code future_time} (see {@link loyalty.flink.common.EventClock})</li>
 * </ul>
 * On a cluster, checkpoint storage, retention and the restart strategy come from the cluster's configuration (or
 * {@code -D} options of {@code flink run}); {@code --checkpoint-dir} only applies to {@link #startLocal}.
 */
public final class RawEventsJob {
    public static final String NAME = "loyalty-raw-events";
    private static final Logger LOG = LoggerFactory.getLogger(RawEventsJob.class);

    private RawEventsJob() {
    }

    public static void main(String[] args) throws Exception {
        RawEventsJobConfig config = RawEventsJobConfig.fromProperties(properties(args));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, config);
        env.execute(NAME);
    }

    /** Adds the job's operators to {@code env}, creating raw.events first if it does not exist. */
    public static void build(StreamExecutionEnvironment env, RawEventsJobConfig config) {
        build(env, config, null);
    }

    /**
     * Starts the job on a MiniCluster in this JVM (see {@link LocalFlink}) and returns once it is submitted.
     * Closing the handle cancels the job; with a checkpoint folder in the config the next start resumes from it.
     */
    public static JobHandle startLocal(RawEventsJobConfig config) {
        return startLocal(config, null);
    }

    /** @param afterDedupe test seam: an operator placed right after deduplication, or null */
    static JobHandle startLocal(RawEventsJobConfig config, MapFunction<RawEvent, RawEvent> afterDedupe) {
        StreamExecutionEnvironment env = LocalFlink.environment(config.parallelism(), config.checkpointPath());
        build(env, config, afterDedupe);
        try {
            JobHandle handle = new JobHandle(NAME, env.executeAsync(NAME));
            LOG.info("event=job_started job={} id={} config={}", NAME, handle.jobId(), config.describe());
            return handle;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start job " + NAME + ": " + e.getMessage(), e);
        }
    }

    static void build(StreamExecutionEnvironment env, RawEventsJobConfig config,
                      MapFunction<RawEvent, RawEvent> afterDedupe) {
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        ensureTable(config.lakehouse());

        DataStream<KafkaInput> input = env
                .fromSource(InputTopicsSource.create(config.bootstrapServers(), config.groupId()),
                        WatermarkStrategy.noWatermarks(), "kafka-inputs")
                .uid("kafka-inputs");
        SingleOutputStreamOperator<RawEvent> parsed = input
                .process(new ParseRawEvents(EventClock.everyEvent().withFutureTolerance(config.futureTolerance())))
                .name("parse-events").uid("parse-events");
        parsed.getSideOutput(DeadLetters.TAG)
                .sinkTo(DeadLetters.sink(config.bootstrapServers()))
                .name("dead-letters").uid("dead-letters");

        DataStream<RawEvent> firstCopies = parsed
                .keyBy(RawEvent::eventId, Types.STRING)
                .process(new DropDuplicateEvents(config.dedupeTtl()))
                .name("drop-duplicates").uid("drop-duplicates");
        if (afterDedupe != null) {
            firstCopies = firstCopies.map(afterDedupe).name("after-dedupe-probe").uid("after-dedupe-probe");
        }
        DataStream<RowData> rows = firstCopies
                .map(new RawEventRows(), RawEventRows.typeInfo())
                .name("to-raw-events-rows").uid("to-raw-events-rows");
        IcebergSink.forRowData(rows)
                .tableLoader(tableLoader(config.lakehouse()))
                .uidSuffix("raw-events-iceberg")
                // Rows of one (day, program) partition go to one writer: a commit writes one file per partition
                // instead of one per partition and subtask.
                .distributionMode(DistributionMode.HASH)
                .append()
                .name("raw-events-iceberg");
    }

    /** The table is loaded on the task managers; the catalog is rebuilt there from its (serialisable) properties. */
    static TableLoader tableLoader(LakehouseConfig lakehouse) {
        CatalogLoader catalog = CatalogLoader.custom(LakehouseConfig.CATALOG_NAME, lakehouse.catalogProperties(),
                new org.apache.hadoop.conf.Configuration(), JdbcCatalog.class.getName());
        return TableLoader.fromCatalog(catalog, RawEvents.ID);
    }

    private static void ensureTable(LakehouseConfig lakehouse) {
        try (Lakehouse catalog = Lakehouse.open(lakehouse)) {
            catalog.ensure(List.of(RawEvents.DEFINITION));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + RawEvents.ID + " in catalog " + lakehouse.jdbcUrl()
                    + ": " + e.getMessage(), e);
        }
    }

    private static Properties properties(String[] args) throws java.io.IOException {
        ParameterTool arguments = ParameterTool.fromArgs(args);
        Properties merged = new Properties();
        if (arguments.has("config")) {
            merged.putAll(ParameterTool.fromPropertiesFile(arguments.get("config")).getProperties());
        }
        merged.putAll(arguments.getProperties());
        return merged;
    }
}
