package loyalty.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What {@code loyalty bench identity} writes to its JSON file. */
record IdentityBenchReport(
        @JsonProperty("bench") String bench,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("settings") Settings settings,
        @JsonProperty("machine") Machine machine,
        @JsonProperty("input") Input input,
        @JsonProperty("steps") List<Throughput> steps,
        @JsonProperty("pass_through") Run passThrough,
        @JsonProperty("identity") IdentityRun identity,
        @JsonProperty("ratio_identity_to_pass_through") double ratioIdentityToPassThrough,
        @JsonProperty("resolution") Resolution resolution,
        @JsonProperty("quality") Quality quality,
        @JsonProperty("counts_match") boolean countsMatch,
        @JsonProperty("targets_met") boolean targetsMet) {

    /**
     * @param inputs what went onto the input topics (and what did not)
     */
    record Settings(
            @JsonProperty("customers") int customers,
            @JsonProperty("seed") long seed,
            @JsonProperty("days") int days,
            @JsonProperty("checkpoint_interval_seconds") double checkpointIntervalSeconds,
            @JsonProperty("parallelism") int parallelism,
            @JsonProperty("identity_out_of_orderness") String identityOutOfOrderness,
            @JsonProperty("identity_quiet_flush_seconds") double identityQuietFlushSeconds,
            @JsonProperty("inputs") String inputs,
            @JsonProperty("delivery") String delivery) {
    }

    /**
     * The backlog both jobs read, published before either started.
     *
     * @param feedLines         lines of the three feed files
     * @param ruleSets          rules.published events, as CDC of loyalty_rule_sets would send them
     * @param publishedRecords  records on the input topics (accepted lines, redeliveries included, and rule sets)
     * @param rejectedLines     lines the publisher dead-lettered (the planted malformed ones)
     * @param distinctEvents    distinct event ids among the published records: what resolution must settle
     */
    record Input(
            @JsonProperty("feed_lines") long feedLines,
            @JsonProperty("rule_sets") int ruleSets,
            @JsonProperty("published_records") long publishedRecords,
            @JsonProperty("published_bytes") long publishedBytes,
            @JsonProperty("rejected_lines") long rejectedLines,
            @JsonProperty("distinct_events") long distinctEvents) {
    }

    /**
     * One job alone over the backlog, from the earliest offsets.
     *
     * @param jobStartSeconds from submission until the job was running (not part of its throughput)
     * @param seconds         from running until its output was complete, as a read_committed reader sees it
     */
    record Run(
            @JsonProperty("input_records") long inputRecords,
            @JsonProperty("output_records") long outputRecords,
            @JsonProperty("job_start_seconds") double jobStartSeconds,
            @JsonProperty("seconds") double seconds,
            @JsonProperty("events_per_second") double eventsPerSecond) {
    }

    /**
     * The identity job's run. In backfill mode it orders the whole history and resolves it once the input has been
     * quiet for the quiet flush, so most of its time passes before its first output.
     *
     * @param resolvedEvents              distinct events on the resolved stream (kind "event")
     * @param deadLettered                distinct events dead-lettered with reason no_usable_identifier
     * @param secondsToFirstResolved      from running until the first resolved record was readable (committed)
     * @param secondsToFirstWritten       from running until the first resolved record was written (its Kafka time)
     * @param shareBeforeFirstResolved    secondsToFirstResolved / seconds
     */
    record IdentityRun(
            @JsonProperty("input_records") long inputRecords,
            @JsonProperty("distinct_events") long distinctEvents,
            @JsonProperty("resolved_events") long resolvedEvents,
            @JsonProperty("dead_lettered_no_usable_identifier") long deadLettered,
            @JsonProperty("job_start_seconds") double jobStartSeconds,
            @JsonProperty("seconds") double seconds,
            @JsonProperty("events_per_second") double eventsPerSecond,
            @JsonProperty("distinct_events_per_second") double distinctEventsPerSecond,
            @JsonProperty("seconds_to_first_resolved") double secondsToFirstResolved,
            @JsonProperty("seconds_to_first_written") double secondsToFirstWritten,
            @JsonProperty("share_before_first_resolved") double shareBeforeFirstResolved,
            @JsonProperty("quiet_flush_seconds") double quietFlushSeconds) {
    }

    /**
     * What the resolved stream says.
     *
     * @param membersCreated   events that created a member (resolution "created")
     * @param conflicts        events resolved with resolution "conflict"
     * @param deviceAttributed events attributed by device only (resolution "device")
     * @param byResolution     every resolution and its count
     */
    record Resolution(
            @JsonProperty("members_created") long membersCreated,
            @JsonProperty("merges") long merges,
            @JsonProperty("conflicts") long conflicts,
            @JsonProperty("unattributed") long unattributed,
            @JsonProperty("device_attributed") long deviceAttributed,
            @JsonProperty("late") long late,
            @JsonProperty("by_resolution") Map<String, Long> byResolution) {
    }

    /**
     * Member clusters against the generator's ground truth (valid feed events with a true person).
     *
     * @param impureExamples up to ten impure members, member id → its persons, the largest share first
     */
    record Quality(
            @JsonProperty("precision") double precision,
            @JsonProperty("recall") double recall,
            @JsonProperty("linkable_recall") double linkableRecall,
            @JsonProperty("true_pairs") long truePairs,
            @JsonProperty("predicted_pairs") long predictedPairs,
            @JsonProperty("correct_pairs") long correctPairs,
            @JsonProperty("linkable_pairs") long linkablePairs,
            @JsonProperty("persons") long persons,
            @JsonProperty("members") long members,
            @JsonProperty("impure_members") long impureMembers,
            @JsonProperty("impure_examples") Map<String, List<String>> impureExamples,
            @JsonProperty("unattributed") long unattributed,
            @JsonProperty("no_person") long noPerson,
            @JsonProperty("precision_target") double precisionTarget,
            @JsonProperty("linkable_recall_target") double linkableRecallTarget) {
    }
}
