package loyalty.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Garbage collection in this process over a span. The embedded Kafka broker, the Flink jobs and the benchmark share
 * one JVM, so a stop-the-world collection pauses all of them at once: the first suspect for a latency tail.
 */
record GcPauses(@JsonProperty("collections") long collections, @JsonProperty("seconds") double seconds) {

    /** Collections and collection time since the JVM started. */
    static GcPauses sinceStart() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new GcPauses(count, millis / 1000.0);
    }

    GcPauses since(GcPauses before) {
        return new GcPauses(collections - before.collections, seconds - before.seconds);
    }
}
