package loyalty.nudge;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the gates and the repeat limits need to know of one member (SPEC §10, §13.14): enrolment and status, consent
 * per channel with the time it was set, the delivered marketing nudges of the cap window, and when each limited
 * trigger last fired. Mutable and JSON-serialisable like the member's ledger, kept beside it in keyed state.
 */
public final class MemberNudges {
    public static final String ACTIVE = "ACTIVE";
    public static final String MERGED = "MERGED";

    @JsonProperty("program") public String program;
    @JsonProperty("member_id") public String memberId;
    @JsonProperty("enrolled") public boolean enrolled;
    @JsonProperty("status") public String status = ACTIVE;
    @JsonDeserialize(as = TreeMap.class)
    @JsonProperty("consents") public Map<String, Consent> consents = new TreeMap<>();
    /** Times of delivered marketing nudges, oldest first, pruned to the longest cap window. */
    @JsonProperty("delivered") public List<Instant> delivered = new ArrayList<>();
    /** Per limit key ({@code CHURN_RISK}, {@code NEAR_TIER:GOLD}): the last trigger, delivered or not. */
    @JsonDeserialize(as = TreeMap.class)
    @JsonProperty("last_triggered") public Map<String, Instant> lastTriggered = new TreeMap<>();

    /** One channel's consent and when it was given or withdrawn. */
    public record Consent(@JsonProperty("granted") boolean granted, @JsonProperty("set_at") Instant setAt) {
    }

    public MemberNudges() {
    }

    public MemberNudges(String program, String memberId) {
        this.program = program;
        this.memberId = memberId;
    }

    /**
     * The {@code consent} object of {@code member.enrolled} or {@code profile.updated}: each channel it names is set
     * at {@code at}, unless a later setting is already known (a late event does not undo a newer choice).
     * Channels it does not name keep their value; a channel never set means no consent (SPEC §2).
     */
    public void consent(JsonNode consent, Instant at) {
        if (consent == null || !consent.isObject()) {
            return;
        }
        consent.fields().forEachRemaining(f -> {
            if (f.getValue().isBoolean()) {
                set(f.getKey(), new Consent(f.getValue().asBoolean(), at), true);
            }
        });
    }

    public boolean consented(String channel) {
        Consent c = consents.get(channel);
        return c != null && c.granted();
    }

    /** Delivered marketing nudges in {@code (t − window, t]} (SPEC §13.2). */
    public long deliveredIn(Instant t, Duration window) {
        Instant from = t.minus(window);
        return delivered.stream().filter(d -> d.isAfter(from) && !d.isAfter(t)).count();
    }

    public void recordDelivery(Instant t, Duration keep) {
        delivered.add(t);
        delivered.sort(null);
        Instant newest = delivered.get(delivered.size() - 1);
        delivered.removeIf(d -> !d.isAfter(newest.minus(keep)));
    }

    /** "Once per N days" (SPEC §13.2): the next is allowed at {@code last + N d}; a denied trigger is not recorded. */
    public boolean allow(String limitKey, Instant t, Duration repeat) {
        Instant last = lastTriggered.get(limitKey);
        if (last != null && t.isBefore(last.plus(repeat))) {
            return false;
        }
        lastTriggered.put(limitKey, t);
        return true;
    }

    /**
     * SPEC §3 merge: the loser's nudge state folds into this survivor — per channel the most recently set consent
     * wins (the survivor's on a tie), deliveries add up for the cap, each limit keeps its latest trigger — and the
     * loser is {@code MERGED}: it gets no more nudges.
     */
    public void foldIn(MemberNudges loser) {
        loser.consents.forEach((channel, c) -> set(channel, c, false));
        delivered.addAll(loser.delivered);
        delivered.sort(null);
        loser.lastTriggered.forEach((key, at) -> lastTriggered.merge(key, at, (a, b) -> a.isAfter(b) ? a : b));
        enrolled = enrolled || loser.enrolled;
        loser.status = MERGED;
    }

    /** @param winsTie an event applied now is later in event order than one of the same instant; a loser is not */
    private void set(String channel, Consent value, boolean winsTie) {
        Consent current = consents.get(channel);
        if (current == null || value.setAt().isAfter(current.setAt())
                || (winsTie && value.setAt().equals(current.setAt()))) {
            consents.put(channel, value);
        }
    }
}
