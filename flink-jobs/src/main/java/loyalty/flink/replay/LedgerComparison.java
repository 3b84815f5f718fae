package loyalty.flink.replay;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import loyalty.flink.ledger.LedgerTables;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.Nudges;
import loyalty.lakehouse.table.PointsLedger;
import loyalty.lakehouse.table.RedemptionOutcomes;
import loyalty.lakehouse.table.TierHistory;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * The live ledger tables against a replay's, up to the instant both had reached: ledger entries, tier history,
 * redemption outcomes and nudges (delivered and suppressed) must hold the same rows, column for column (balances are a function of the entries; their
 * {@code as_of} says when they were written, so they are not compared row by row).
 */
public record LedgerComparison(@JsonProperty("before") Instant before,
                               @JsonProperty("tables") List<TableDiff> tables) {
    private static final int SAMPLES = 5;

    @JsonProperty("equal")
    public boolean equal() {
        return tables.stream().allMatch(TableDiff::equal);
    }

    /**
     * Rows whose time ({@code occurred_at}, {@code achieved_at}, {@code decided_at}, {@code triggered_at}) is before
     * {@code before}.
     */
    public static LedgerComparison compare(LakehouseConfig lakehouse, String replayNamespace, Instant before) {
        try (Lakehouse catalog = Lakehouse.open(lakehouse)) {
            List<TableDiff> diffs = new ArrayList<>();
            diffs.add(diff(catalog, PointsLedger.ID, replayNamespace, "occurred_at", before));
            diffs.add(diff(catalog, TierHistory.ID, replayNamespace, "achieved_at", before));
            diffs.add(diff(catalog, RedemptionOutcomes.ID, replayNamespace, "decided_at", before));
            diffs.add(diff(catalog, Nudges.ID, replayNamespace, "triggered_at", before));
            return new LedgerComparison(before, diffs);
        } catch (Exception e) {
            throw new IllegalStateException("cannot compare the ledger with replay '" + replayNamespace + "': "
                    + e.getMessage(), e);
        }
    }

    private static TableDiff diff(Lakehouse catalog, TableIdentifier live, String namespace, String timeColumn,
                                  Instant before) {
        Table liveTable = catalog.catalog().loadTable(TableIdentifier.of(LedgerTables.LIVE_NAMESPACE, live.name()));
        Table replayTable = catalog.catalog().loadTable(TableIdentifier.of(namespace, live.name()));
        Map<String, Long> balance = new HashMap<>();
        long liveRows = read(liveTable, timeColumn, before, row -> balance.merge(row, 1L, Long::sum));
        long replayRows = read(replayTable, timeColumn, before, row -> balance.merge(row, -1L, Long::sum));
        long onlyLive = 0;
        long onlyReplay = 0;
        List<String> samples = new ArrayList<>();
        for (Map.Entry<String, Long> e : balance.entrySet()) {
            long n = e.getValue();
            if (n > 0) {
                onlyLive += n;
            } else if (n < 0) {
                onlyReplay -= n;
            }
            if (n != 0 && samples.size() < SAMPLES) {
                samples.add((n > 0 ? "live: " : "replay: ") + e.getKey());
            }
        }
        samples.sort(null);
        return new TableDiff(live.name(), liveRows, replayRows, onlyLive, onlyReplay, samples);
    }

    private static long read(Table table, String timeColumn, Instant before,
                             java.util.function.Consumer<String> sink) {
        long micros = before.getEpochSecond() * 1_000_000L + before.getNano() / 1_000;
        long rows = 0;
        try (CloseableIterable<Record> records = IcebergGenerics.read(table)
                .where(Expressions.lessThan(timeColumn, micros)).build()) {
            for (Record r : records) {
                Object time = r.getField(timeColumn);
                if (!((OffsetDateTime) time).toInstant().isBefore(before)) {
                    continue;
                }
                sink.accept(canonical(table, r));
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table.name(), e);
        }
        return rows;
    }

    private static String canonical(Table table, Record r) {
        StringBuilder b = new StringBuilder();
        for (Types.NestedField column : table.schema().columns()) {
            Object v = r.getField(column.name());
            if (v instanceof OffsetDateTime t) {
                v = t.toInstant();
            } else if (v instanceof java.math.BigDecimal d) {
                v = d.stripTrailingZeros().toPlainString();
            }
            b.append(b.isEmpty() ? "" : " ").append(column.name()).append('=').append(v);
        }
        return b.toString();
    }
}
