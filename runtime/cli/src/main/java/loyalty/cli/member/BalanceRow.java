package loyalty.cli.member;

import java.time.Instant;

/** A member's row of {@code ledger.balances}: the balance as the live job last published it. */
public record BalanceRow(String program, String memberId, long available, long pending, long debt,
                         long lifetimeEarned, long redeemed, long expired, String tier, Instant asOf) {
}
