package loyalty.ml.clv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** One purchase: who, on which day, for how much (net of returns; never negative). */
public record Transaction(String customerId, LocalDate date, BigDecimal amount) {
    public Transaction {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("negative amount " + amount + " for customer " + customerId);
        }
    }
}
