package loyalty.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/** Payload of {@code order.returned}; without an order id the return is unlinked (SPEC §6). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderReturned(
        @JsonProperty("return_id") String returnId,
        @JsonProperty("refund_amount") BigDecimal refundAmount,
        @JsonProperty("order_id") String orderId) {
}
