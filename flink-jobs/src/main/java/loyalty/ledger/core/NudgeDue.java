package loyalty.ledger.core;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A time-driven nudge trigger found while the ledger advanced (SPEC §10, §13.1, §13.13): the ledger finds them
 * because only it knows, at that instant, which lots remain and when the last order was. The nudge package turns
 * them into nudges.
 *
 * @param expiresOn  for {@link Kind#EXPIRY_REMINDER}: the UTC date the lots expire on
 * @param points     for {@link Kind#EXPIRY_REMINDER}: what the lots expiring that date hold at {@code at}
 * @param lastOrder  for {@link Kind#LAPSE}: the member's last order
 */
public record NudgeDue(Kind kind, Instant at, LocalDate expiresOn, long points, OrderRecord lastOrder) {
    public enum Kind { EXPIRY_REMINDER, LAPSE }
}
