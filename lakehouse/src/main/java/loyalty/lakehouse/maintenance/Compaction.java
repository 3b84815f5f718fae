package loyalty.lakehouse.maintenance;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trino's {@code optimize} on one table, in as many statements as Trino's writer limit needs. A table with at most
 * {@link #TRINO_PARTITIONS_PER_WRITER} partitions is optimized in one statement; a larger one is cut into
 * {@link TimeSlices} of its time partitioning, one statement each. A table over the limit without a time transform
 * is tried whole, and Trino's refusal names the reason.
 */
public final class Compaction {
    /**
     * {@code iceberg.max-partitions-per-writer}: Trino's default, which {@code lakehouse/trino/etc/catalog/
     * iceberg.properties} keeps.
     */
    public static final int TRINO_PARTITIONS_PER_WRITER = 100;
    private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);
    /** One item of Trino's {@code partitioning = ARRAY['day(occurred_at)', 'bucket(member_id, 16)']}. */
    private static final Pattern TIME_TRANSFORM = Pattern.compile("'(year|month|day|hour)\\(\"?(\\w+)\"?\\)'");

    private final SqlEngine sql;
    private final long partitionsPerStatement;

    public Compaction(SqlEngine sql) {
        this(sql, TRINO_PARTITIONS_PER_WRITER);
    }

    Compaction(SqlEngine sql, long partitionsPerStatement) {
        this.sql = sql;
        this.partitionsPerStatement = partitionsPerStatement;
    }

    /**
     * @param qualified {@code "catalog"."schema"."table"}
     * @param arguments optimize's arguments, such as {@code file_size_threshold => '100B'}
     * @return the number of statements run
     */
    public int optimize(String qualified, String arguments) throws SQLException {
        String statement = "ALTER TABLE " + qualified + " EXECUTE optimize(" + arguments + ")";
        long partitions = number(sql.rows("SELECT count(*) FROM " + metadataTable(qualified, "partitions")));
        Optional<TimeTransform> time = partitions <= partitionsPerStatement ? Optional.empty()
                : timeTransform(qualified);
        if (time.isEmpty()) {
            sql.rows(statement);
            return 1;
        }
        TimeTransform t = time.get();
        List<TimeSlices.Slice> slices = TimeSlices.slice(t.unit(), periods(qualified, t), partitionsPerStatement);
        for (TimeSlices.Slice slice : slices) {
            sql.rows(statement + " WHERE " + quote(t.column()) + " >= " + timestamp(slice.from()) + " AND "
                    + quote(t.column()) + " < " + timestamp(slice.to()));
        }
        int statements = slices.size();
        if (hasNullPeriod(qualified, t)) {
            sql.rows(statement + " WHERE " + quote(t.column()) + " IS NULL");
            statements++;
        }
        LOG.info("event=optimize_sliced table={} partitions={} by={} slices={}", qualified, partitions,
                t.unit().name().toLowerCase(Locale.ROOT), statements);
        return statements;
    }

    private record TimeTransform(TimeSlices.Unit unit, String column) {
    }

    private Optional<TimeTransform> timeTransform(String qualified) throws SQLException {
        String ddl = String.valueOf(sql.rows("SHOW CREATE TABLE " + qualified).get(0).get(0));
        int start = ddl.indexOf("partitioning = ARRAY[");
        if (start < 0) {
            return Optional.empty();
        }
        Matcher m = TIME_TRANSFORM.matcher(ddl.substring(start, ddl.indexOf(']', start)));
        return m.find() ? Optional.of(new TimeTransform(TimeSlices.Unit.valueOf(m.group(1).toUpperCase(Locale.ROOT)),
                m.group(2))) : Optional.empty();
    }

    /**
     * Each non-empty period as Iceberg numbers it (a day transform's value is a date in Trino; make it a count).
     * Partitions of an older spec (a table whose partitioning evolved, say from days to months) have no value for the
     * current transform; their period is that of their smallest value of the column, so the slices cover them too
     * and compaction rewrites them into the current layout.
     */
    private List<TimeSlices.Period> periods(String qualified, TimeTransform t) throws SQLException {
        String field = "partition." + quote(t.unit().fieldName(t.column()));
        String n = t.unit() == TimeSlices.Unit.DAY ? "date_diff('day', DATE '1970-01-01', " + field + ")" : field;
        String fromData = "date_diff('" + t.unit().name().toLowerCase(Locale.ROOT)
                + "', TIMESTAMP '1970-01-01 00:00:00 UTC', data." + quote(t.column()) + ".min)";
        List<TimeSlices.Period> periods = new ArrayList<>();
        for (List<Object> row : sql.rows("SELECT n, sum(c) FROM (SELECT coalesce(" + n + ", " + fromData
                + ") AS n, count(*) AS c FROM " + metadataTable(qualified, "partitions") + " GROUP BY 1)"
                + " WHERE n IS NOT NULL GROUP BY 1 ORDER BY 1")) {
            periods.add(new TimeSlices.Period(((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue()));
        }
        return periods;
    }

    /** Whether rows have no value in the time column at all (not merely a partition of an older spec). */
    private boolean hasNullPeriod(String qualified, TimeTransform t) throws SQLException {
        return number(sql.rows("SELECT count(*) FROM " + metadataTable(qualified, "partitions") + " WHERE partition."
                + quote(t.unit().fieldName(t.column())) + " IS NULL AND data." + quote(t.column()) + ".min IS NULL"))
                > 0;
    }

    /** Trino names a table's metadata table {@code "table$files"}; the suffix goes inside the quotes. */
    public static String metadataTable(String qualified, String suffix) {
        return qualified.substring(0, qualified.length() - 1) + "$" + suffix + "\"";
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String timestamp(Instant instant) {
        return "TIMESTAMP '" + instant.toString().replace('T', ' ').replace("Z", "") + " UTC'";
    }

    private static long number(List<List<Object>> rows) {
        return ((Number) rows.get(0).get(0)).longValue();
    }
}
