package loyalty.cli.demo;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import loyalty.cli.stack.LocalStack;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.EventJson;
import loyalty.contract.topic.TopicSpec;
import loyalty.contract.topic.Topics;
import loyalty.flink.raw.RawEventsReader;
import loyalty.generator.truth.Manifest;
import loyalty.generator.truth.SourceCounts;
import loyalty.stack.StackException;
import loyalty.stack.kafka.TopicReader;
import loyalty.stack.trino.QueryResult;
import loyalty.stack.trino.TrinoSql;

/**
 * Counts, per source, what the generator promised, what is on Kafka's input and dead-letter topics, and what is in
 * raw.events: through Trino when it runs (the way an analyst would), else straight from Iceberg.
 */
final class SummaryBuilder {
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final LocalStack local;
    private final Manifest manifest;
    private final TrinoSql trino;
    private Totals totals;

    SummaryBuilder(LocalStack local, Manifest manifest) {
        this.local = local;
        this.manifest = manifest;
        this.trino = local.trino().map(t -> new TrinoSql(t.jdbcUrl(), "demo")).orElse(null);
    }

    String countedBy() {
        return trino != null ? "Trino" : "the Iceberg API (Trino not running)";
    }

    long rowsInIceberg() {
        return totals().rows();
    }

    long distinctEventIds() {
        return totals().distinctIds();
    }

    private record Totals(long rows, long distinctIds) {
    }

    /** Rows and distinct event ids of raw.events, counted once (the pipeline has finished by now). */
    private Totals totals() {
        if (totals != null) {
            return totals;
        }
        if (trino == null) {
            try (RawEventsReader reader = RawEventsReader.open(local.lakehouse())) {
                totals = new Totals(reader.count(), reader.eventIds().size());
            }
            return totals;
        }
        try {
            QueryResult result = trino.query("SELECT count(*) AS n, count(DISTINCT event_id) AS ids"
                    + " FROM iceberg.raw.events");
            totals = new Totals(((Number) result.value(0, "n")).longValue(),
                    ((Number) result.value(0, "ids")).longValue());
            return totals;
        } catch (SQLException e) {
            throw new StackException("Trino could not count raw.events: " + e.getMessage(), e);
        }
    }

    List<SourceRow> sourceRows() {
        Map<String, Long> icebergBySource = countBy("source");
        Map<String, Long> kafkaBySource = inputRecordsBySource();
        Map<String, Map<String, Long>> deadBySource = deadLettersBySource();
        List<SourceRow> rows = new ArrayList<>();
        for (Map.Entry<String, SourceCounts> e : manifest.sources().entrySet()) {
            String source = e.getKey();
            SourceCounts expected = e.getValue();
            long inKafka = kafkaBySource.getOrDefault(source, 0L);
            long inIceberg = icebergBySource.getOrDefault(source, 0L);
            rows.add(new SourceRow(source, expected.valid(), expected.duplicates(), inKafka, inIceberg,
                    inKafka - inIceberg, expected.invalidTotal(), deadBySource.getOrDefault(source, Map.of())));
        }
        return rows;
    }

    Map<String, Long> eventsByType() {
        return countBy("type");
    }

    private Map<String, Long> countBy(String column) {
        if (trino == null) {
            try (RawEventsReader reader = RawEventsReader.open(local.lakehouse())) {
                return reader.countBy(column);
            }
        }
        try {
            QueryResult grouped = trino.query("SELECT " + column + " AS k, count(*) AS n FROM iceberg.raw.events"
                    + " GROUP BY " + column);
            Map<String, Long> counts = new TreeMap<>();
            for (int i = 0; i < grouped.rowCount(); i++) {
                counts.put(String.valueOf(grouped.value(i, "k")), ((Number) grouped.value(i, "n")).longValue());
            }
            return counts;
        } catch (SQLException e) {
            throw new StackException("Trino could not count raw.events: " + e.getMessage(), e);
        }
    }

    /**
     * What the identity tables hold, grouped as the summary shows it ({@code members.<status>},
     * {@code links.<type>} for current links, {@code events.<kind>}); empty without Trino. Waits (bounded) until
     * identity.members holds {@code expectedMembers} rows: the tables commit on the checkpoint after the stream.
     */
    Map<String, Long> identityTables(long expectedMembers) throws InterruptedException {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        if (trino == null) {
            return out;
        }
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        try {
            while (true) {
                out.clear();
                group(out, "members.", "SELECT status AS k, count(*) AS n FROM iceberg.identity.members GROUP BY 1"
                        + " ORDER BY 1");
                long members = out.values().stream().mapToLong(Long::longValue).sum();
                if (members >= expectedMembers || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(1_000); // poll interval: the row count decides
            }
            group(out, "links.", "SELECT identifier_type AS k, count(*) AS n FROM iceberg.identity.identity_links"
                    + " WHERE valid_to IS NULL GROUP BY 1 ORDER BY 1");
            group(out, "events.", "SELECT kind AS k, count(*) AS n FROM iceberg.identity.identity_events"
                    + " GROUP BY 1 ORDER BY 1");
            return out;
        } catch (SQLException e) {
            throw new StackException("Trino could not count the identity tables: " + e.getMessage(), e);
        }
    }

    /** The ledger tables through Trino, or null without Trino. */
    LedgerSummary ledger() {
        if (trino == null) {
            return null;
        }
        try {
            Map<String, List<Long>> byType = new java.util.LinkedHashMap<>();
            long total = 0;
            QueryResult entries = trino.query("SELECT type AS k, count(*) AS n, sum(points) AS p"
                    + " FROM iceberg.ledger.points_ledger GROUP BY 1 ORDER BY 1");
            for (int i = 0; i < entries.rowCount(); i++) {
                long points = ((Number) entries.value(i, "p")).longValue();
                byType.put(String.valueOf(entries.value(i, "k")),
                        List.of(((Number) entries.value(i, "n")).longValue(), points));
                total += points;
            }
            QueryResult b = trino.query("SELECT count(*) AS n, coalesce(sum(available), 0) AS a,"
                    + " coalesce(sum(pending), 0) AS p, coalesce(sum(debt), 0) AS d FROM iceberg.ledger.balances");
            Map<String, Long> tiers = new java.util.LinkedHashMap<>();
            group(tiers, "", "SELECT coalesce(tier, '(not enrolled)') AS k, count(*) AS n"
                    + " FROM iceberg.ledger.balances GROUP BY 1 ORDER BY 2 DESC");
            Map<String, Long> redemptions = new java.util.LinkedHashMap<>();
            group(redemptions, "", "SELECT status || coalesce(' ' || reason, '') AS k, count(*) AS n"
                    + " FROM iceberg.ledger.redemption_outcomes GROUP BY 1 ORDER BY 1");
            return new LedgerSummary(byType, total, ((Number) b.value(0, "n")).longValue(),
                    ((Number) b.value(0, "a")).longValue(), ((Number) b.value(0, "p")).longValue(),
                    ((Number) b.value(0, "d")).longValue(), tiers, redemptions);
        } catch (SQLException e) {
            throw new StackException("Trino could not read the ledger tables: " + e.getMessage(), e);
        }
    }

    private void group(Map<String, Long> out, String prefix, String sql) throws SQLException {
        QueryResult grouped = trino.query(sql);
        for (int i = 0; i < grouped.rowCount(); i++) {
            out.put(prefix + grouped.value(i, "k"), ((Number) grouped.value(i, "n")).longValue());
        }
    }

    /** Records on the input topics by the envelope's source, redeliveries included. */
    private Map<String, Long> inputRecordsBySource() {
        List<String> topics = Topics.inputs().stream().map(TopicSpec::name).toList();
        Map<String, Long> counts = new HashMap<>();
        TopicReader.forEachToEnd(local.kafka().bootstrapServers(), topics, READ_TIMEOUT, r -> {
            String source;
            try {
                source = EventJson.mapper().readTree(r.value()).path("source").asText("?");
            } catch (IOException e) {
                source = "?";
            }
            counts.merge(source, 1L, Long::sum);
        });
        return counts;
    }

    /** Dead letters by the feed they came from (the demo sends the app feed over HTTP) and reason. */
    private Map<String, Map<String, Long>> deadLettersBySource() {
        Map<String, Map<String, Long>> bySource = new TreeMap<>();
        TopicReader.forEachToEnd(local.kafka().bootstrapServers(), List.of(Topics.DEAD_LETTER.name()), READ_TIMEOUT,
                r -> {
                    String origin = DeadLetter.text(r.headers(), DeadLetter.SOURCE);
                    String source = feedOf(origin == null ? "?" : origin);
                    bySource.computeIfAbsent(source, s -> new TreeMap<>())
                            .merge(DeadLetter.reasonOf(r.headers()), 1L, Long::sum);
                });
        return bySource;
    }

    static String feedOf(String deadLetterSource) {
        if (deadLetterSource.equals("http")) {
            return "app";
        }
        if (deadLetterSource.startsWith("file:")) {
            return deadLetterSource.substring("file:".length()).replaceFirst("\\.jsonl$", "");
        }
        if (deadLetterSource.startsWith("cdc")) {
            return "cdc";
        }
        return deadLetterSource;
    }
}
