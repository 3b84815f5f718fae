package loyalty.flink.raw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Set;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.RawEvents;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads what raw.events holds as of its latest commit, straight from Iceberg (no query engine needed). Each call
 * refreshes the table first, so polling it sees new commits.
 */
public final class RawEventsReader implements AutoCloseable {
    private final Lakehouse lakehouse;
    private final Table table;

    private RawEventsReader(Lakehouse lakehouse, Table table) {
        this.lakehouse = lakehouse;
        this.table = table;
    }

    /** @throws org.apache.iceberg.exceptions.NoSuchTableException if raw.events has not been created yet */
    public static RawEventsReader open(LakehouseConfig config) {
        Lakehouse lakehouse = Lakehouse.open(config);
        try {
            return new RawEventsReader(lakehouse, lakehouse.load(RawEvents.DEFINITION));
        } catch (RuntimeException e) {
            closeQuietly(lakehouse, e);
            throw e;
        }
    }

    /** Number of rows, from the data files' metadata (exact: the job only appends, it never deletes). */
    public long count() {
        table.refresh();
        long rows = 0;
        try (CloseableIterable<FileScanTask> files = table.newScan().planFiles()) {
            for (FileScanTask file : files) {
                rows += file.file().recordCount();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the files of " + RawEvents.ID, e);
        }
        return rows;
    }

    /**
     * The newest {@code occurred_at} in the table, from the data files' column bounds (exact for timestamps), or
     * empty when the table is empty.
     */
    public Optional<java.time.Instant> latestOccurredAt() {
        table.refresh();
        int field = RawEvents.SCHEMA.findField("occurred_at").fieldId();
        Long latest = null;
        try (CloseableIterable<FileScanTask> files = table.newScan().includeColumnStats().planFiles()) {
            for (FileScanTask file : files) {
                java.nio.ByteBuffer upper = file.file().upperBounds() == null ? null
                        : file.file().upperBounds().get(field);
                if (upper != null) {
                    long micros = org.apache.iceberg.types.Conversions.fromByteBuffer(
                            org.apache.iceberg.types.Types.TimestampType.withZone(), upper);
                    latest = latest == null ? micros : Math.max(latest, micros);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the files of " + RawEvents.ID, e);
        }
        return Optional.ofNullable(latest).map(m -> java.time.Instant.EPOCH.plus(m, java.time.temporal.ChronoUnit.MICROS));
    }

    /** The distinct event ids; {@code count() > eventIds().size()} would mean a duplicate row. */
    public Set<String> eventIds() {
        table.refresh();
        Set<String> ids = new HashSet<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).select("event_id").build()) {
            for (Record row : rows) {
                ids.add((String) row.getField("event_id"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RawEvents.ID, e);
        }
        return ids;
    }

    /** Rows per value of a top-level column, e.g. {@code source} (cdc, pos, web, app) or {@code type}. */
    public Map<String, Long> countBy(String column) {
        table.refresh();
        Map<String, Long> counts = new TreeMap<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).select(column).build()) {
            for (Record row : rows) {
                counts.merge(String.valueOf(row.getField(column)), 1L, Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RawEvents.ID, e);
        }
        return counts;
    }

    /** The row of one event, all columns; empty if it is not there. */
    public Optional<Record> find(String eventId) {
        table.refresh();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table)
                .where(Expressions.equal("event_id", eventId)).build()) {
            for (Record row : rows) {
                return Optional.of(row.copy());
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RawEvents.ID, e);
        }
    }

    @Override
    public void close() {
        closeQuietly(lakehouse, null);
    }

    private static void closeQuietly(Lakehouse lakehouse, RuntimeException primary) {
        try {
            lakehouse.close();
        } catch (Exception e) {
            if (primary != null) {
                primary.addSuppressed(e);
            } else {
                throw new IllegalStateException("cannot close the catalog: " + e.getMessage(), e);
            }
        }
    }
}
