package loyalty.cli.member;

import java.time.Instant;

/** One row of {@code ledger.points_ledger} as {@code member explain} shows it. */
public record LedgerRow(String entryId, String program, String memberId, String type, long points, String lotId,
                        Instant occurredAt, Instant availableAt, Instant expiresAt, String sourceEventId,
                        String ruleVersion, String campaigns, String note) {
}
