package loyalty.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What the busiest thread of one Flink task is doing, sampled on a thread of its own: each sample takes the thread's
 * state and the first frame of its stack outside the JDK (so a JDBC call waiting on its socket shows as the driver's
 * frame, an idle task as Flink's mailbox). Where the task spends its wall time, waiting included, which CPU time
 * alone does not tell. The busiest subtask: a keyed task of one program has one subtask doing all the work.
 */
final class StackSampler implements AutoCloseable {
    private static final long EVERY_MILLIS = 20;
    private static final int DEPTH = 40;
    /** Where a Flink task thread waits for its next record or mail: idle. */
    private static final String IDLE = "TaskMailboxImpl.take";

    private final String threadPrefix;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Map<String, Integer>> byThread = new HashMap<>();
    private final Thread sampler;
    private volatile boolean stopped;

    /** @param threadPrefix the start of the task's thread names, e.g. {@code apply-ledger} */
    StackSampler(String threadPrefix) {
        this.threadPrefix = threadPrefix;
        sampler = new Thread(this::run, "bench-stack-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * @param where the thread state and the first frame outside the JDK
     * @param share of the busiest subtask's samples
     */
    record Spot(@JsonProperty("where") String where, @JsonProperty("share") double share) {
    }

    private void run() {
        while (!stopped) {
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), DEPTH)) {
                if (info != null && info.getThreadName().startsWith(threadPrefix)) {
                    add(info.getThreadId(), info.getThreadState() + " " + firstOutsideJdk(info.getStackTrace()));
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(EVERY_MILLIS)); // the sampling interval
        }
    }

    private synchronized void add(long threadId, String where) {
        byThread.computeIfAbsent(threadId, id -> new HashMap<>()).merge(where, 1, Integer::sum);
    }

    private static String firstOutsideJdk(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String cls = frame.getClassName();
            if (!cls.startsWith("java.") && !cls.startsWith("jdk.") && !cls.startsWith("sun.")) {
                return cls + "." + frame.getMethodName();
            }
        }
        return stack.length == 0 ? "(no stack)" : stack[0].getClassName() + "." + stack[0].getMethodName();
    }

    /** The busiest subtask's {@code top} most frequent spots, most frequent first; empty without samples. */
    synchronized List<Spot> top(int top) {
        Map<String, Integer> busiest = byThread.values().stream()
                .max(Comparator.comparingInt(StackSampler::busy)).orElse(Map.of());
        int samples = busiest.values().stream().mapToInt(Integer::intValue).sum();
        List<Spot> spots = new ArrayList<>();
        busiest.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> spots.add(new Spot(e.getKey(), (double) e.getValue() / samples)));
        return spots;
    }

    private static int busy(Map<String, Integer> spots) {
        return spots.entrySet().stream().filter(e -> !e.getKey().endsWith(IDLE)).mapToInt(Map.Entry::getValue)
                .sum();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        sampler.join();
    }
}
