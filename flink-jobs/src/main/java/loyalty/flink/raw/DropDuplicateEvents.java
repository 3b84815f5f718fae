package loyalty.flink.raw;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by event id: passes the first copy of each id, drops and counts the others ({@value #DUPLICATES_METRIC}).
 * An id is remembered for the TTL after its first copy arrived (processing time); a copy arriving later than that
 * passes again, so the TTL must exceed the longest redelivery delay a source can have.
 */
public final class DropDuplicateEvents extends KeyedProcessFunction<String, RawEvent, RawEvent> {
    public static final String DUPLICATES_METRIC = "duplicatesDropped";
    private static final Logger LOG = LoggerFactory.getLogger(DropDuplicateEvents.class);

    private final Duration ttl;
    private transient ValueState<String> firstCopy;
    private transient Counter duplicatesDropped;

    public DropDuplicateEvents(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<String> descriptor = new ValueStateDescriptor<>("first-copy", Types.STRING);
        descriptor.enableTimeToLive(ttlConfig(ttl));
        firstCopy = getRuntimeContext().getState(descriptor);
        duplicatesDropped = getRuntimeContext().getMetricGroup().counter(DUPLICATES_METRIC);
    }

    @Override
    public void processElement(RawEvent event, Context ctx, Collector<RawEvent> out) throws Exception {
        String remembered = firstCopy.value();
        if (FirstCopyWins.isFirstCopy(remembered)) {
            firstCopy.update(FirstCopyWins.remember(event));
            out.collect(event);
        } else {
            duplicatesDropped.inc();
            LOG.debug("event=duplicate_dropped event_id={} first={} copy={}", event.eventId(), remembered,
                    event.kafkaPosition());
        }
    }

    /** Duplicates dropped by this subtask so far. */
    long duplicatesDropped() {
        return duplicatesDropped.getCount();
    }

    /**
     * Expired ids are removed on every state backend: a few per record on the heap backend, during compaction on
     * RocksDB, and left out of full snapshots, so no id outlives its TTL by more than a little.
     */
    public static StateTtlConfig ttlConfig(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .updateTtlOnCreateAndWrite()
                .neverReturnExpired()
                .cleanupFullSnapshot()
                .cleanupIncrementally(10, true)
                .cleanupInRocksdbCompactFilter(1000)
                .build();
    }
}
