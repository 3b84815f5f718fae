package loyalty.lakehouse.maintenance;

import java.time.Duration;

/**
 * How hard a maintenance run cleans up.
 *
 * @param snapshotRetention snapshots older than this are expired (time travel reaches back this far, no further);
 *                          the current snapshot is always kept
 * @param orphanRetention   files in a table's folder that no snapshot references are deleted once older than this;
 *                          it must exceed the longest write, or a file being committed could be taken for an orphan
 * @param smallFileBytes    data files smaller than this are compacted together
 */
public record MaintenancePolicy(Duration snapshotRetention, Duration orphanRetention, long smallFileBytes) {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** Trino's own default for optimize's file_size_threshold. */
    public static final long DEFAULT_SMALL_FILE_BYTES = 100L * 1024 * 1024;

    public MaintenancePolicy {
        if (snapshotRetention.isNegative() || orphanRetention.isNegative()) {
            throw new IllegalArgumentException("retentions cannot be negative: " + snapshotRetention + ", "
                    + orphanRetention);
        }
        if (smallFileBytes <= 0) {
            throw new IllegalArgumentException("the small-file threshold must be positive: " + smallFileBytes);
        }
    }

    public static MaintenancePolicy defaults() {
        return new MaintenancePolicy(DEFAULT_RETENTION, DEFAULT_RETENTION, DEFAULT_SMALL_FILE_BYTES);
    }
}
