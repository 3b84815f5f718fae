package loyalty.cli.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** What {@code loyalty bench ledger} writes to its JSON file; a figure not measured is null (n/a). */
record LedgerBenchReport(
        @JsonProperty("bench") String bench,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("settings") Settings settings,
        @JsonProperty("machine") Machine machine,
        @JsonProperty("input") Input input,
        @JsonProperty("steps") List<Throughput> steps,
        @JsonProperty("pass_through") PassThrough passThrough,
        @JsonProperty("exactly_once") BacklogRun exactlyOnce,
        @JsonProperty("at_least_once") BacklogRun atLeastOnce,
        @JsonProperty("ratio_exactly_once_to_pass_through") double ratioExactlyOnceToPassThrough,
        @JsonProperty("ratio_exactly_once_to_at_least_once") double ratioExactlyOnceToAtLeastOnce,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("replay") Throughput replay,
        @JsonProperty("latency") List<Live> latency,
        @JsonProperty("state") State state,
        @JsonProperty("aims") List<Aim> aims,
        @JsonProperty("counts_match") boolean countsMatch,
        @JsonProperty("aims_met") boolean aimsMet) {

    /**
     * @param liveOutOfOrdernessMs the identity job's out-of-orderness bound in the live phases
     * @param servingTables        whether the stack had serving tables, which the jobs then kept and the live
     *                             phases polled
     */
    record Settings(
            @JsonProperty("customers") int customers,
            @JsonProperty("seed") long seed,
            @JsonProperty("days") int days,
            @JsonProperty("checkpoint_interval_seconds") double checkpointIntervalSeconds,
            @JsonProperty("parallelism") int parallelism,
            @JsonProperty("inputs") String inputs,
            @JsonProperty("backlog_identity_mode") String backlogIdentityMode,
            @JsonProperty("live_out_of_orderness_ms") long liveOutOfOrdernessMs,
            @JsonProperty("rate_events_per_second") int rate,
            @JsonProperty("warmup_seconds") double warmupSeconds,
            @JsonProperty("window_seconds") double windowSeconds,
            @JsonProperty("redemption_share") double redemptionShare,
            @JsonProperty("serving_tables") boolean servingTables) {
    }

    /**
     * The backlog every run reads, put on the input topics once before any of them.
     *
     * @param cdcEvents      distinct events Debezium captured from the operational rows
     * @param records        records on the input topics (redeliveries included)
     * @param distinctEvents what resolution must settle
     */
    record Input(
            @JsonProperty("operational_changes") long operationalChanges,
            @JsonProperty("cdc_events") long cdcEvents,
            @JsonProperty("feed_lines") long feedLines,
            @JsonProperty("rejected_feed_lines") long rejectedFeedLines,
            @JsonProperty("records") long records,
            @JsonProperty("bytes") long bytes,
            @JsonProperty("distinct_events") long distinctEvents,
            @JsonProperty("enrolments") long enrolments,
            @JsonProperty("load_seconds") double loadSeconds) {
    }

    record PassThrough(
            @JsonProperty("output_records") long outputRecords,
            @JsonProperty("job_start_seconds") double jobStartSeconds,
            @JsonProperty("seconds") double seconds,
            @JsonProperty("events_per_second") double eventsPerSecond) {
    }

    /**
     * Identity and ledger together over the backlog.
     *
     * @param resolvedSeconds from running until the resolved stream was complete (identity's share)
     * @param seconds         from running until the ledger had committed offsets past its last record
     * @param profile         CPU seconds by thread group over the run
     * @param gcPauses        garbage collection in the bench's process over the run
     * @param ledgerTask      what the ledger operator's busiest subtask was doing (thread state and the first frame
     *                        outside the JDK, share of samples every 20 ms)
     */
    record BacklogRun(
            @JsonProperty("delivery") String delivery,
            @JsonProperty("job_start_seconds") double jobStartSeconds,
            @JsonProperty("resolved_seconds") double resolvedSeconds,
            @JsonProperty("seconds") double seconds,
            @JsonProperty("events_per_second") double eventsPerSecond,
            @JsonProperty("resolved_events") long resolvedEvents,
            @JsonProperty("dead_lettered") long deadLettered,
            @JsonProperty("members") long members,
            @JsonProperty("identity_state_bytes") long identityStateBytes,
            @JsonProperty("ledger_state_bytes") long ledgerStateBytes,
            @JsonProperty("profile") List<ThreadCpu.Share> profile,
            @JsonProperty("gc_pauses") GcPauses gcPauses,
            @JsonProperty("ledger_task") List<StackSampler.Spot> ledgerTask) {
    }

    /**
     * A live phase at the fixed rate; latencies from the send, as a read_committed reader (or a poller of the
     * serving table) first sees the result. Results not visible when the waiting stopped count as slower than all
     * others (see {@link Latency}): a pipeline that does not keep up with the rate has unknown percentiles.
     *
     * @param resolved   send → the event on the resolved stream (identity resolution's share)
     * @param balance    order sent → its member's balance on loyalty.balances with as_of ≥ the order's time
     * @param serving    order sent → that balance in serving.balances, for one event in
     *                   {@value LiveLoad#SERVING_EVERY} (an order); null without serving tables
     * @param redemption redemption request sent → its outcome on loyalty.redemption.outcomes
     * @param rateVisible events per second that became fully visible, from the start of the window until the
     *                   waiting stopped: below {@code rate_achieved} when the pipeline did not keep up
     * @param gcPauses   garbage collection in the bench's process (broker, jobs and bench) during the window
     * @param seconds    from the start of the window until the waiting stopped
     * @param profile    CPU seconds by thread group over that span
     * @param ledgerTask what the ledger operator's busiest subtask was doing over that span
     */
    record Live(
            @JsonProperty("delivery") String delivery,
            @JsonProperty("job_start_seconds") double jobStartSeconds,
            @JsonProperty("warmup_drain_seconds") double warmupDrainSeconds,
            @JsonProperty("rate_achieved") double rateAchieved,
            @JsonProperty("rate_visible") double rateVisible,
            @JsonProperty("orders") long orders,
            @JsonProperty("redemptions") long redemptions,
            @JsonProperty("unattributed") long unattributed,
            @JsonProperty("resolved") Latency resolved,
            @JsonProperty("balance") Latency balance,
            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("serving") Latency serving,
            @JsonProperty("redemption") Latency redemption,
            @JsonProperty("gc_pauses") GcPauses gcPauses,
            @JsonProperty("seconds") double seconds,
            @JsonProperty("profile") List<ThreadCpu.Share> profile,
            @JsonProperty("ledger_task") List<StackSampler.Spot> ledgerTask) {
    }

    /** Checkpointed state after the exactly-once backlog run, per member after every merge. */
    record State(
            @JsonProperty("members") long members,
            @JsonProperty("identity_bytes") long identityBytes,
            @JsonProperty("ledger_bytes") long ledgerBytes,
            @JsonProperty("identity_bytes_per_member") double identityBytesPerMember,
            @JsonProperty("ledger_bytes_per_member") double ledgerBytesPerMember) {
    }

    /**
     * One of the aims, measured on the exactly-once pipeline (the platform's default).
     *
     * @param note how the measurement differs from the aim's own terms, if it does
     */
    record Aim(
            @JsonProperty("aim") String aim,
            @JsonProperty("target") String target,
            @JsonProperty("measured") String measured,
            @JsonProperty("met") boolean met,
            @JsonProperty("note") String note) {
    }
}
