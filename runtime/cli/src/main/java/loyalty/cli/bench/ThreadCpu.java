package loyalty.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a run's CPU went: CPU time of this JVM's threads over a span, added up by what the threads do. Flink names a
 * task's thread after its chained operators, so the Flink jobs show operator by operator; the embedded Kafka broker
 * and the clients show as theirs. Garbage collection and the JIT compiler run in threads the JVM does not list:
 * they are the process's CPU time that no listed thread accounts for.
 */
final class ThreadCpu {
    static final String UNLISTED = "JVM (garbage collection, JIT compiler, …)";
    private static final Pattern SUBTASK = Pattern.compile("\\s*\\(\\d+/\\d+\\)(#\\d+)?$");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private ThreadCpu() {
    }

    /** CPU time of every live thread, and of the whole process, at one moment. */
    record Snapshot(Map<Long, Long> cpuNanosByThread, long processCpuNanos) {
    }

    /**
     * @param threads what the threads do (their names, with subtask and pool numbers folded)
     * @param seconds CPU seconds they used over the span
     */
    record Share(@JsonProperty("threads") String threads, @JsonProperty("cpu_seconds") double seconds) {
    }

    static Snapshot snapshot() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return new Snapshot(cpu, processCpuNanos());
    }

    /** The {@code top} largest shares since {@code before}, largest first, then the process's unlisted share. */
    static List<Share> since(Snapshot before, int top) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byName = new HashMap<>();
        long listed = 0;
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long nanos = threads.getThreadCpuTime(id);
            if (info == null || nanos < 0) {
                continue; // ended meanwhile
            }
            long used = nanos - before.cpuNanosByThread().getOrDefault(id, 0L);
            byName.merge(fold(info.getThreadName()), used, Long::sum);
            listed += used;
        }
        List<Share> shares = new ArrayList<>();
        byName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> shares.add(new Share(e.getKey(), e.getValue() / 1e9)));
        long process = processCpuNanos();
        if (process >= 0 && before.processCpuNanos() >= 0) {
            shares.add(new Share(UNLISTED, Math.max(0, process - before.processCpuNanos() - listed) / 1e9));
        }
        return shares;
    }

    /** {@code Source: kafka-inputs -> parse-events (1/2)#0} → {@code Source: kafka-inputs -> parse-events}. */
    static String fold(String threadName) {
        String name = SUBTASK.matcher(threadName).replaceFirst("");
        int client = name.indexOf(" | ");
        if (client > 0) {
            name = name.substring(0, client); // kafka-producer-network-thread | producer-7
        }
        return NUMBER.matcher(name).replaceAll("N");
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
