package loyalty.ledger.core;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** The cap windows of engagement bonuses (SPEC §4, §13.2): calendar month and day in UTC, or a rolling 30 days. */
final class Engagements {
    private Engagements() {
    }

    static boolean sameWindow(String per, Instant earlier, Instant now) {
        return switch (per) {
            case "calendar_month" -> earlier.atOffset(ZoneOffset.UTC).getYear() == now.atOffset(ZoneOffset.UTC)
                    .getYear() && earlier.atOffset(ZoneOffset.UTC).getMonth() == now.atOffset(ZoneOffset.UTC)
                    .getMonth();
            case "day" -> earlier.atOffset(ZoneOffset.UTC).toLocalDate()
                    .equals(now.atOffset(ZoneOffset.UTC).toLocalDate());
            case "30_days" -> earlier.isAfter(now.minus(Duration.ofDays(30)));
            default -> throw new IllegalArgumentException("unknown engagement window " + per);
        };
    }
}
