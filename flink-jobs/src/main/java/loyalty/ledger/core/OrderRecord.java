package loyalty.ledger.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;

/** What the ledger remembers of an order: for qualifying spend, linked returns and their cumulative clawback. */
public final class OrderRecord {
    @JsonProperty("order_id") public String orderId;
    @JsonProperty("event_id") public String eventId;
    @JsonProperty("occurred_at") public Instant occurredAt;
    @JsonProperty("net_amount") public BigDecimal netAmount;
    @JsonProperty("refunded") public BigDecimal refunded = BigDecimal.ZERO;
    @JsonProperty("points") public long points;
    @JsonProperty("clawed_back") public long clawedBack;
    @JsonProperty("lot_id") public String lotId;

    public OrderRecord() {
    }

    OrderRecord(String orderId, String eventId, Instant occurredAt, BigDecimal netAmount) {
        this.orderId = orderId;
        this.eventId = eventId;
        this.occurredAt = occurredAt;
        this.netAmount = netAmount;
    }
}
