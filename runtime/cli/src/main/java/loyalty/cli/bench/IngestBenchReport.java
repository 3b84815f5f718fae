package loyalty.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** What {@code loyalty bench ingest} writes to its JSON file. */
record IngestBenchReport(
        @JsonProperty("bench") String bench,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("settings") Settings settings,
        @JsonProperty("machine") Machine machine,
        @JsonProperty("steps") List<Throughput> steps,
        @JsonProperty("spine") Spine spine,
        @JsonProperty("raw_events_backlog") Backlog rawEventsBacklog,
        @JsonProperty("pass_through") Backlog passThrough,
        @JsonProperty("ratio_spine_to_pass_through") double ratioSpineToPassThrough,
        @JsonProperty("ratio_raw_events_to_pass_through") double ratioRawEventsToPassThrough,
        @JsonProperty("counts_match") boolean countsMatch) {

    /**
     * @param spineDelivery       guarantee of the raw-events job's output
     * @param passThroughDelivery guarantee of the pass-through's output
     */
    record Settings(
            @JsonProperty("customers") int customers,
            @JsonProperty("seed") long seed,
            @JsonProperty("days") int days,
            @JsonProperty("checkpoint_interval_seconds") double checkpointIntervalSeconds,
            @JsonProperty("parallelism") int parallelism,
            @JsonProperty("spine_delivery") String spineDelivery,
            @JsonProperty("pass_through_delivery") String passThroughDelivery) {
    }

    /**
     * The live pipeline: the feeds ingested while the raw-events job runs.
     *
     * @param expectedRows           distinct valid feed events, from the generator's manifest
     * @param feedLines              lines in the three feed files
     * @param acceptedRecords        lines the ingestion sent to input topics (redeliveries included)
     * @param deadLettered           lines it sent to the dead-letter topic
     * @param secondsAfterLastIngest from the end of the ingestion to the Iceberg commit that completed the rows
     * @param icebergCommits         snapshots of raw.events up to that commit
     */
    record Spine(
            @JsonProperty("expected_rows") long expectedRows,
            @JsonProperty("rows_in_iceberg") long rowsInIceberg,
            @JsonProperty("distinct_event_ids_in_iceberg") long distinctEventIds,
            @JsonProperty("feed_lines") long feedLines,
            @JsonProperty("accepted_records") long acceptedRecords,
            @JsonProperty("dead_lettered") long deadLettered,
            @JsonProperty("seconds_after_last_ingest_until_last_commit") double secondsAfterLastIngest,
            @JsonProperty("iceberg_commits") int icebergCommits) {
    }

    /**
     * A job started alone over the records already on the input topics, from the earliest offsets.
     *
     * @param inputRecords    records on the input topics when it started
     * @param outputCount     what it delivered: rows in its raw.events, or records on the output topic
     * @param outputBytes     bytes of the output records' values (pass-through only, else -1)
     * @param commits         Iceberg commits it made (raw-events only, else -1)
     * @param jobStartSeconds from submission until the job was running (not part of its throughput)
     */
    record Backlog(
            @JsonProperty("input_records") long inputRecords,
            @JsonProperty("input_bytes") long inputBytes,
            @JsonProperty("output_count") long outputCount,
            @JsonProperty("output_bytes") long outputBytes,
            @JsonProperty("iceberg_commits") int commits,
            @JsonProperty("job_start_seconds") double jobStartSeconds) {
    }
}
