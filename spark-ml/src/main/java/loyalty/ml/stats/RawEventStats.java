package loyalty.ml.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.RawEvents;
import loyalty.ml.session.JobArguments;
import loyalty.ml.session.LoyaltySpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first Spark job: per program and event type, how many events {@code raw.events} holds, how many distinct
 * event ids, and the first and last {@code occurred_at}. A check that the lakehouse is filled as expected, and the
 * pattern of the later model jobs: a named step that takes the session and returns plain Java values.
 *
 * <p>{@link #main} takes the arguments of {@link JobArguments} and prints a table, e.g. with
 * {@code spark-submit --class loyalty.ml.stats.RawEventStats ... --catalog-uri jdbc:postgresql://... }.
 */
public final class RawEventStats {
    /** {@code loyalty.raw.events}: the catalog name first, as Spark addresses it. */
    public static final String TABLE = LakehouseConfig.CATALOG_NAME + "." + RawEvents.ID;
    private static final Logger LOG = LoggerFactory.getLogger(RawEventStats.class);

    private RawEventStats() {
    }

    public static void main(String[] args) {
        JobArguments arguments = JobArguments.parse(args);
        LOG.info("event=raw_event_stats_start settings={}", arguments.describe());
        SparkSession spark = LoyaltySpark.session(arguments.lakehouse(), arguments.master());
        try {
            print(compute(spark), System.out);
        } finally {
            spark.stop();
        }
    }

    /**
     * Ordered by program, then type.
     *
     * @throws IllegalStateException when raw.events does not exist in the session's {@code loyalty} catalog
     */
    public static List<EventTypeStats> compute(SparkSession spark) {
        return compute(spark, TABLE);
    }

    static List<EventTypeStats> compute(SparkSession spark, String table) {
        if (!spark.catalog().tableExists(table)) {
            throw new IllegalStateException("table " + table + " does not exist: start the raw-events job or run"
                    + " Lakehouse.ensureTables() on this catalog first");
        }
        long start = System.nanoTime();
        List<EventTypeStats> stats = spark.table(table)
                .groupBy(col("program"), col("type"))
                .agg(count(lit(1)).as("events"),
                        countDistinct(col("event_id")).as("distinct_event_ids"),
                        min(col("occurred_at")).as("first_occurred_at"),
                        max(col("occurred_at")).as("last_occurred_at"))
                .orderBy(col("program"), col("type"))
                .collectAsList().stream()
                .map(RawEventStats::toStats)
                .toList();
        LOG.info("event=raw_event_stats table={} groups={} millis={}", table, stats.size(),
                (System.nanoTime() - start) / 1_000_000);
        return stats;
    }

    /** A fixed-width table with a header line, one line per program and type. */
    public static void print(List<EventTypeStats> stats, PrintStream out) {
        String format = "%-16s %-22s %10s %12s %-24s %-24s%n";
        out.printf(format, "program", "type", "events", "distinct_ids", "first_occurred_at", "last_occurred_at");
        for (EventTypeStats s : stats) {
            out.printf(format, s.program(), s.type(), s.events(), s.distinctEventIds(), s.firstOccurredAt(),
                    s.lastOccurredAt());
        }
    }

    private static EventTypeStats toStats(Row row) {
        return new EventTypeStats(row.getString(0), row.getString(1), row.getLong(2), row.getLong(3),
                instant(row.get(4)), instant(row.get(5)));
    }

    /** Instant with the java8 API our sessions turn on; java.sql.Timestamp from a session built elsewhere. */
    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return (Instant) value;
    }
}
