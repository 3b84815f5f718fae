package loyalty.flink.passthrough;

import loyalty.flink.common.InputTopicsSource;
import loyalty.flink.common.JobHandle;
import loyalty.flink.common.LocalFlink;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baseline for benchmarks: every input topic → the value bytes, unparsed → one output topic. It reads the input
 * exactly as {@link loyalty.flink.raw.RawEventsJob} does (same topics, deserializer, isolation level, offset handling,
 * checkpointing mode) so that, run with the same checkpoint interval and parallelism, the difference in throughput
 * between the two is the cost of the raw-events job's own work: parsing, the shuffle by event id, deduplication
 * state, Parquet files and Iceberg commits.
 *
 * <p>Exactly once, like the raw-events job: its Kafka sink writes in transactions committed on checkpoints, so a
 * reader with {@code read_committed} sees the output when the checkpoint completes, as raw.events rows appear when
 * Iceberg commits on a checkpoint. Compare the two over a large batch, where the wait for the last commit (at most one
 * interval) is small beside the whole run.
 */
public final class PassThroughJob {
    public static final String NAME = "loyalty-pass-through";
    private static final Logger LOG = LoggerFactory.getLogger(PassThroughJob.class);

    private PassThroughJob() {
    }

    /**
     * Starts the job on a MiniCluster in this JVM (see {@link LocalFlink}) and returns once it is submitted; closing
     * the handle cancels it. The output topic must exist (the sink does not create it).
     */
    public static JobHandle startLocal(PassThroughJobConfig config) {
        StreamExecutionEnvironment env = LocalFlink.environment(config.parallelism(), config.checkpointPath());
        build(env, config);
        try {
            JobHandle handle = new JobHandle(NAME, env.executeAsync(NAME));
            LOG.info("event=job_started job={} id={} config={}", NAME, handle.jobId(), config.describe());
            return handle;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start job " + NAME + ": " + e.getMessage(), e);
        }
    }

    /** Adds the job's three operators to {@code env}; they chain into one task per subtask. */
    public static void build(StreamExecutionEnvironment env, PassThroughJobConfig config) {
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.fromSource(InputTopicsSource.create(config.bootstrapServers(), config.groupId()),
                        WatermarkStrategy.noWatermarks(), "kafka-inputs")
                .uid("kafka-inputs")
                .map(new InputBytes(), PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .name("bytes-through").uid("bytes-through")
                .sinkTo(sink(config))
                .name("kafka-output").uid("kafka-output");
    }

    private static KafkaSink<byte[]> sink(PassThroughJobConfig config) {
        return KafkaSink.<byte[]>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setRecordSerializer(new OutputRecords(config.outputTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.groupId())
                .build();
    }
}
