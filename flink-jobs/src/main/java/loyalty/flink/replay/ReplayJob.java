package loyalty.flink.replay;

import java.time.Duration;
import java.time.Instant;
import loyalty.flink.common.IcebergTables;
import loyalty.flink.common.LocalFlink;
import loyalty.flink.identity.KeyedJson;
import loyalty.flink.identity.ResolveIdentities;
import loyalty.flink.ledger.ApplyLedger;
import loyalty.flink.ledger.LedgerTables;
import loyalty.flink.ledger.ReadResolved;
import loyalty.flink.ledger.ResolvedRecord;
import loyalty.flink.raw.RawEvent;
import loyalty.flink.raw.RawEventRows;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.table.RawEvents;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.flink.source.IcebergSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger rebuilt from history: raw.events in Iceberg → the same identity resolution and the same ledger operator
 * as the live jobs → ledger tables in a namespace of its own. Flink runs it in BATCH mode: the input is bounded, the
 * shuffles are blocking, and event-time effects fire at the end of the input up to the horizon (see
 * {@link ApplyLedger#ApplyLedger(Instant)}); each member's due effects are applied before its next event anyway, so
 * when they fire does not change the ledger.
 *
 * <p>Keyed inputs are not sorted (Flink's default in BATCH mode): a program's resolved records must reach the ledger
 * in the order identity resolution wrote them, a merge before the event that caused it, and a sort by key and
 * timestamp would not keep records of equal time in that order. One program is one key, so the regular keyed state
 * backend holds it.
 */
public final class ReplayJob {
    public static final String NAME = "loyalty-replay";
    private static final Logger LOG = LoggerFactory.getLogger(ReplayJob.class);
    /** Replays order the whole history by event time: nothing is late, nothing waits for a quiet input. */
    private static final Duration NO_BOUND = Duration.ofDays(36_500);

    private ReplayJob() {
    }

    /** Runs the replay on a MiniCluster in this JVM and returns when its tables are committed. */
    public static JobExecutionResult runLocal(ReplaySettings settings) throws Exception {
        StreamExecutionEnvironment env = LocalFlink.batchEnvironment(settings.parallelism());
        build(env, settings);
        JobExecutionResult result = env.execute(NAME);
        LOG.info("event=replay_done namespace={} millis={}", settings.namespace(),
                result.getNetRuntime());
        return result;
    }

    public static void build(StreamExecutionEnvironment env, ReplaySettings settings) throws Exception {
        Configuration batch = new Configuration();
        batch.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        batch.set(ExecutionOptions.SORT_INPUTS, false);
        batch.set(ExecutionOptions.USE_BATCH_STATE_BACKEND, false);
        env.configure(batch);
        env.setParallelism(settings.parallelism());
        try (Lakehouse catalog = Lakehouse.open(settings.lakehouse())) {
            catalog.recreate(LedgerTables.definitions(settings.namespace()));
        }
        IcebergSource<RowData> source = IcebergSource.forRowData()
                .tableLoader(IcebergTables.loader(settings.lakehouse(), RawEvents.ID))
                .streaming(false)
                .build();
        TypeInformation<RawEvent> eventType = TypeInformation.of(RawEvent.class);
        DataStream<RawEvent> events = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "raw-events-iceberg",
                        InternalTypeInfo.of(RawEventRows.ROW_TYPE))
                .map(RawEventRows::fromRow, eventType).name("read-raw-events");
        Instant until = settings.until();
        if (until != null) {
            events = events.filter(e -> !e.occurredAt().isAfter(until)).name("until");
        }
        Instant frozen = settings.rulesFrozenFrom();
        if (frozen != null) {
            String published = loyalty.contract.event.EventType.RULES_PUBLISHED.wireName();
            events = events.filter(e -> !(published.equals(e.type()) && !e.occurredAt().isBefore(frozen)))
                    .name("rules-frozen");
        }
        if (!settings.extraEvents().isEmpty()) {
            events = events.union(env.fromData(settings.extraEvents(), eventType).name("added-events"));
        }
        DataStream<ResolvedRecord> resolved = events
                .keyBy(RawEvent::program, Types.STRING)
                .process(new ResolveIdentities(NO_BOUND, NO_BOUND)).name("resolve-identities")
                .map(KeyedJson::value, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO).name("resolved")
                .map(new ReadResolved()).name("read-resolved");
        SingleOutputStreamOperator<KeyedJson> entries = resolved
                .keyBy(ResolvedRecord::program, Types.STRING)
                .process(new ApplyLedger(settings.horizon())).name("apply-ledger");
        LedgerTables.attach(entries, settings.lakehouse(), settings.namespace());
    }
}
