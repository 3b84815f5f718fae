package loyalty.ledger.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import loyalty.contract.event.Event;

/**
 * The audit record of one {@code rules.published} event (a row of {@code audit.rule_set_publications}): who
 * published which version when, whether the ledger accepted it, and what it changed.
 *
 * @param publishedBy the payload's {@code operator} when it names one (a person), else the event's source (a system)
 * @param errors      why it was rejected; null when accepted
 * @param diff        RFC 6902 patch from {@code previousVersion} ({@link RuleSetDiff}); null when rejected
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleSetPublication(
        @JsonProperty("program") String program,
        @JsonProperty("version") String version,
        @JsonProperty("effective_from") Instant effectiveFrom,
        @JsonProperty("published_at") Instant publishedAt,
        @JsonProperty("published_by") String publishedBy,
        @JsonProperty("event_id") String eventId,
        @JsonProperty("status") String status,
        @JsonProperty("errors") List<String> errors,
        @JsonProperty("previous_version") String previousVersion,
        @JsonProperty("diff") JsonNode diff) {
    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";

    /**
     * @param previous the program's last accepted rule set before this event, or null
     * @param parsed   what {@link RuleBook#publish(JsonNode, Instant)} made of the event's rule set
     */
    public static RuleSetPublication of(Event event, RuleSet previous, RuleSets.Parsed parsed) {
        JsonNode payload = event.payload();
        String by = payload.hasNonNull("operator") ? payload.get("operator").asText() : event.source();
        String previousVersion = previous == null ? null : previous.version();
        if (parsed instanceof RuleSets.Parsed.Valid valid) {
            RuleSet rules = valid.rules();
            return new RuleSetPublication(event.program(), rules.version(), rules.effectiveFrom(),
                    event.occurredAt(), by, event.eventId(), ACCEPTED, null, previousVersion,
                    RuleSetDiff.between(previous, rules));
        }
        JsonNode version = payload.path("rule_set").path("version");
        Instant effectiveFrom = payload.hasNonNull("effective_from")
                ? Instant.parse(payload.get("effective_from").asText()) : null;
        return new RuleSetPublication(event.program(), version.isValueNode() ? version.asText() : null,
                effectiveFrom, event.occurredAt(), by, event.eventId(), REJECTED,
                ((RuleSets.Parsed.Invalid) parsed).errors(), previousVersion, null);
    }
}
