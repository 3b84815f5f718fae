package loyalty.flink.serving;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import loyalty.ledger.core.Balance;
import loyalty.ledger.core.EntryType;
import loyalty.ledger.core.Lot;
import loyalty.ledger.core.MemberLedger;

/**
 * A member's balance with the lots still open at its {@code as_of}: what {@code serving.balances} holds, so a till
 * can say which points expire when. A record of its own, not more fields on {@link Balance}, which is the SPEC §11
 * shape of the balances topic and table.
 */
public record ServingBalance(@JsonProperty("balance") Balance balance, @JsonProperty("lots") List<OpenLot> lots) {

    public ServingBalance {
        lots = lots == null ? List.of() : List.copyOf(lots);
    }

    /** The open lots of {@code ledger} at the balance's {@code as_of}, soonest-expiring first. */
    public static ServingBalance of(Balance balance, MemberLedger ledger) {
        Instant asOf = balance.asOf();
        List<OpenLot> open = ledger.lots.values().stream()
                .filter(l -> !l.expired && l.remaining > 0 && l.expiresAt.isAfter(asOf))
                .sorted(Comparator.comparing((Lot l) -> l.expiresAt).thenComparing(l -> l.lotId))
                .map(l -> new OpenLot(l.lotId, l.type, l.points, l.remaining,
                        l.availableAt.isAfter(asOf) ? OpenLot.PENDING : OpenLot.AVAILABLE,
                        l.occurredAt, l.availableAt, l.expiresAt))
                .toList();
        return new ServingBalance(balance, open);
    }

    /**
     * A lot with points left: {@code remaining} of its {@code points}, {@code PENDING} until {@code available_at},
     * then {@code AVAILABLE} until {@code expires_at} (SPEC §13.1, both inclusive). A member's debt is paid from lots
     * as they become available, so {@code available} may be less than the sum of the available lots.
     */
    public record OpenLot(
            @JsonProperty("lot_id") String lotId,
            @JsonProperty("type") EntryType type,
            @JsonProperty("points") long points,
            @JsonProperty("remaining") long remaining,
            @JsonProperty("status") String status,
            @JsonProperty("occurred_at") Instant occurredAt,
            @JsonProperty("available_at") Instant availableAt,
            @JsonProperty("expires_at") Instant expiresAt) {
        public static final String AVAILABLE = "AVAILABLE";
        public static final String PENDING = "PENDING";
    }
}
