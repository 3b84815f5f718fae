package loyalty.cli.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import loyalty.flink.identity.ResolvedLog;
import loyalty.identity.quality.IdentityQuality;

/**
 * The identity part of the demo summary: how events were resolved (from the resolved stream), the quality of the
 * member clusters against the generator's ground truth, and what the identity tables hold (through Trino).
 *
 * @param tables identity.members by status, current identity_links by type and identity_events by kind, as
 *               {@code table.group → rows}; empty without Trino
 */
public record IdentitySummary(
        @JsonProperty("events_resolved") long eventsResolved,
        @JsonProperty("by_resolution") Map<String, Long> byResolution,
        @JsonProperty("members_created") long membersCreated,
        @JsonProperty("merges") long merges,
        @JsonProperty("conflicts") long conflicts,
        @JsonProperty("unattributed") long unattributed,
        @JsonProperty("late") long late,
        @JsonProperty("dead_lettered") long deadLettered,
        @JsonProperty("quality") IdentityQuality quality,
        @JsonProperty("tables") Map<String, Long> tables) {

    static IdentitySummary of(ResolvedLog log, long deadLettered, IdentityQuality quality,
                              Map<String, Long> tables) {
        return new IdentitySummary(log.events(), log.byResolution(), log.count("created"), log.merges(),
                log.count("conflict"), log.count("unattributed"), log.late(), deadLettered, quality, tables);
    }

    /** Members the table should hold: one row per profile ever created (merged ones stay, as MERGED). */
    long expectedMemberRows() {
        return membersCreated;
    }

    long memberRows() {
        return tables.entrySet().stream().filter(e -> e.getKey().startsWith("members."))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
