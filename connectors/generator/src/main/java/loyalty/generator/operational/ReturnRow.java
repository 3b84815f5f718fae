package loyalty.generator.operational;

import java.math.BigDecimal;
import java.time.Instant;

/** A {@code returns} row (the returns desk of web and app orders); a null order id is a return without receipt. */
public record ReturnRow(String returnId, String program, String orderId, String customerCrmId, String customerEmail,
                        String customerPhone, String cardNumber, BigDecimal refundAmount, Instant returnedAt)
        implements Row {
    public static final String TABLE = "returns";

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public String primaryKey() {
        return returnId;
    }
}
