package loyalty.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.management.ManagementFactory;

/** Where a benchmark ran: figures from different machines are not comparable without it. */
record Machine(
        @JsonProperty("cores") int cores,
        @JsonProperty("physical_memory_mb") long physicalMemoryMb,
        @JsonProperty("max_heap_mb") long maxHeapMb,
        @JsonProperty("java_version") String javaVersion,
        @JsonProperty("java_vm") String javaVm,
        @JsonProperty("os") String os,
        @JsonProperty("load_average_at_start") double loadAverageAtStart) {

    static Machine current() {
        long physical = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : -1;
        return new Machine(Runtime.getRuntime().availableProcessors(),
                physical < 0 ? -1 : physical >> 20,
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                // other work on the machine takes cores from the benchmark: a high load means lower figures
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    String describe() {
        return String.format("%d cores, %d GiB RAM, max heap %d MiB, Java %s, load average %.1f at start", cores,
                physicalMemoryMb / 1024, maxHeapMb, javaVersion, loadAverageAtStart);
    }
}
