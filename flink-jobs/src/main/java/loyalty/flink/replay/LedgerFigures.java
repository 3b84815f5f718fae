package loyalty.flink.replay;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * What a simulation compares, read from one namespace's ledger tables (live {@code ledger} or a simulation's):
 * points issued by type within {@code [from, to]}, the liability at {@code to} (the sum of every entry up to then:
 * available plus pending, net of debt) and how many members hold each tier at {@code to}.
 *
 * @param issued points issued (EARN and BONUS entries) by type
 */
public record LedgerFigures(@JsonProperty("issued") Map<String, Long> issued,
                            @JsonProperty("liability_points") long liabilityPoints,
                            @JsonProperty("tiers") Map<String, Long> tiers) {

    @JsonProperty("issued_total")
    public long issuedTotal() {
        return issued.values().stream().mapToLong(Long::longValue).sum();
    }

    public static LedgerFigures read(LakehouseConfig lakehouse, String namespace, Instant from, Instant to) {
        try (Lakehouse catalog = Lakehouse.open(lakehouse)) {
            Map<String, Long> issued = new TreeMap<>();
            long liability = 0;
            for (Record r : rows(catalog, namespace, "points_ledger")) {
                Instant at = instant(r.getField("occurred_at"));
                if (at.isAfter(to)) {
                    continue;
                }
                long points = (Long) r.getField("points");
                liability += points;
                String type = (String) r.getField("type");
                if (!at.isBefore(from) && ("EARN".equals(type) || "BONUS".equals(type))) {
                    issued.merge(type, points, Long::sum);
                }
            }
            Map<String, Record> latestTier = new HashMap<>();
            for (Record r : rows(catalog, namespace, "tier_history")) {
                Instant at = instant(r.getField("achieved_at"));
                if (at.isAfter(to)) {
                    continue;
                }
                latestTier.merge((String) r.getField("member_id"), r, (a, b) ->
                        instant(b.getField("achieved_at")).isBefore(instant(a.getField("achieved_at"))) ? a : b);
            }
            Map<String, Long> tiers = new TreeMap<>();
            latestTier.values().forEach(r -> tiers.merge((String) r.getField("to_tier"), 1L, Long::sum));
            return new LedgerFigures(issued, liability, tiers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the ledger tables of '" + namespace + "': " + e.getMessage(),
                    e);
        }
    }

    private static Iterable<Record> rows(Lakehouse catalog, String namespace, String table) throws IOException {
        Table t = catalog.catalog().loadTable(TableIdentifier.of(namespace, table));
        java.util.List<Record> out = new java.util.ArrayList<>();
        try (CloseableIterable<Record> all = IcebergGenerics.read(t).build()) {
            all.forEach(r -> out.add(r.copy()));
        }
        return out;
    }

    private static Instant instant(Object value) {
        return ((OffsetDateTime) value).toInstant();
    }
}
