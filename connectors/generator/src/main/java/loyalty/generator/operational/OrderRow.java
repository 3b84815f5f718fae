package loyalty.generator.operational;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An {@code orders} row (the web shop): the customer references are whatever the shop knew. */
public record OrderRow(String orderId, String program, String customerCrmId, String customerEmail,
                       String customerPhone, String cardNumber, String deviceId, BigDecimal netAmount,
                       String currency, String channel, List<String> categories, String status, Instant completedAt,
                       Instant createdAt, Instant updatedAt) implements Row {
    public static final String TABLE = "orders";
    public static final String COMPLETED = "COMPLETED";

    public OrderRow {
        categories = List.copyOf(categories);
    }

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public String primaryKey() {
        return orderId;
    }

    public boolean isCompleted() {
        return COMPLETED.equals(status);
    }

    public OrderRow withStatus(String newStatus, Instant at, Instant completed) {
        return new OrderRow(orderId, program, customerCrmId, customerEmail, customerPhone, cardNumber, deviceId,
                netAmount, currency, channel, categories, newStatus, completed, createdAt, at);
    }
}
