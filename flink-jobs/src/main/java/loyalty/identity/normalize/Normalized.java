package loyalty.identity.normalize;

import java.util.Objects;
import java.util.Optional;

/**
 * What one rule made of one raw value: the normalised value, or none with the reason.
 *
 * @param detail what exactly was wrong, for logs and dead-letter details; null when valid
 */
public record Normalized(Optional<String> value, RejectionReason reason, String detail) {

    public Normalized {
        Objects.requireNonNull(value, "value");
        if (value.isPresent() == (reason != null)) {
            throw new IllegalArgumentException("a result has either a value or a reason, not both or neither");
        }
    }

    public static Normalized valid(String value) {
        return new Normalized(Optional.of(value), null, null);
    }

    public static Normalized invalid(RejectionReason reason, String detail) {
        return new Normalized(Optional.empty(), Objects.requireNonNull(reason, "reason"), detail);
    }

    public boolean isValid() {
        return value.isPresent();
    }
}
