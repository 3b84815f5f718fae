package loyalty.ml.session;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Cutoffs on the command line: an ISO instant ({@code 2025-06-30T00:00:00Z}) or a UTC day ({@code 2025-06-30}). */
public final class Cutoffs {
    private Cutoffs() {
    }

    /** @throws IllegalArgumentException naming the setting when the value is neither */
    public static Instant parse(String name, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + name + ": expected 2025-06-30 or 2025-06-30T00:00:00Z, got "
                    + value, e);
        }
    }
}
