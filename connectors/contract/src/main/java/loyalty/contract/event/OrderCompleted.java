package loyalty.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/** Payload of {@code order.completed}: net amount after discounts, without tax. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderCompleted(
        @JsonProperty("order_id") String orderId,
        @JsonProperty("net_amount") BigDecimal netAmount,
        @JsonProperty("currency") String currency,
        @JsonProperty("channel") String channel,
        @JsonProperty("categories") List<String> categories) {
}
