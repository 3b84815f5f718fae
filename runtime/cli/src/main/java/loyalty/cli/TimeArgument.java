package loyalty.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A time given on the command line: a date (midnight UTC) or an ISO instant. */
public final class TimeArgument {
    private TimeArgument() {
    }

    /** @throws UserError naming the option and both accepted forms */
    public static Instant parse(String text, String option) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UserError(option + " '" + text + "' is neither a date (2026-03-01) nor an instant"
                    + " (2026-03-01T00:00:00Z).");
        }
    }
}
