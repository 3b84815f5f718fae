package loyalty.ledger.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Comparator;

/**
 * Points earned together, with their dates: pending until {@code available_at}, gone at {@code expires_at} (both
 * inclusive, SPEC §13.1). {@code remaining} is what is left after redemptions, clawbacks and debt settlement.
 */
public final class Lot {
    /** Soonest-expiring first: the order of redemption and of clawback from other lots (SPEC §6, §7). */
    static final Comparator<Lot> SOONEST_EXPIRING = Comparator.comparing((Lot l) -> l.expiresAt)
            .thenComparing(l -> l.lotId);

    @JsonProperty("lot_id") public String lotId;
    @JsonProperty("type") public EntryType type;
    @JsonProperty("points") public long points;
    @JsonProperty("remaining") public long remaining;
    @JsonProperty("occurred_at") public Instant occurredAt;
    @JsonProperty("available_at") public Instant availableAt;
    @JsonProperty("expires_at") public Instant expiresAt;
    @JsonProperty("source_event_id") public String sourceEventId;
    /** Availability has been processed (debt settled from it). */
    @JsonProperty("released") public boolean released;
    @JsonProperty("expired") public boolean expired;

    public Lot() {
    }

    Lot(String lotId, EntryType type, long points, Instant occurredAt, Instant availableAt, Instant expiresAt,
        String sourceEventId) {
        this.lotId = lotId;
        this.type = type;
        this.points = points;
        this.remaining = points;
        this.occurredAt = occurredAt;
        this.availableAt = availableAt;
        this.expiresAt = expiresAt;
        this.sourceEventId = sourceEventId;
    }

    boolean availableAt(Instant t) {
        return !availableAt.isAfter(t) && expiresAt.isAfter(t) && !expired;
    }

    boolean pendingAt(Instant t) {
        return availableAt.isAfter(t) && !expired;
    }
}
