package loyalty.cli.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code --summary-json} writes: the run's settings, per-source counts, query results and step timings.
 * {@code nudges} and {@code kpis} are null without Trino; {@code models} also when training was skipped or failed.
 */
public record DemoSummary(
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("seed") long seed,
        @JsonProperty("customers") int customers,
        @JsonProperty("days") int days,
        @JsonProperty("sources") List<SourceRow> sources,
        @JsonProperty("rows_in_iceberg") long rowsInIceberg,
        @JsonProperty("distinct_event_ids_in_iceberg") long distinctEventIds,
        @JsonProperty("counted_by") String countedBy,
        @JsonProperty("events_by_type") Map<String, Long> eventsByType,
        @JsonProperty("identity") IdentitySummary identity,
        @JsonProperty("ledger") LedgerSummary ledger,
        @JsonProperty("replay") loyalty.cli.replay.LedgerReplay.Outcome replay,
        @JsonProperty("nudges") loyalty.stack.trino.QueryResult nudges,
        @JsonProperty("kpis") loyalty.stack.trino.QueryResult kpis,
        @JsonProperty("models") loyalty.stack.trino.QueryResult models,
        @JsonProperty("step_seconds") Map<String, Double> stepSeconds,
        @JsonProperty("all_match") boolean allMatch) {
}
