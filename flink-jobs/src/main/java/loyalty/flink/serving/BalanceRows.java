package loyalty.flink.serving;

import java.io.IOException;
import java.util.List;
import loyalty.contract.event.EventJson;
import loyalty.flink.identity.KeyedJson;
import loyalty.ledger.core.Balance;

/**
 * {@code serving.balances} from the ledger job's serving balances ({@link ServingBalance} JSON). The upsert keeps
 * the row with the latest {@code as_of}: a balance replayed after a restart, older than what the table holds, changes
 * nothing. An equal {@code as_of} does replace the row, because two balances of one instant (two events at the same
 * time, or a late event dated before the member's clock) arrive in the order the ledger applied them, the later one
 * being the truer; a replay repeats that order, so it ends on the same row.
 */
public final class BalanceRows implements ServingTable<KeyedJson> {
    static final String UPSERT = """
            INSERT INTO serving.balances AS b (program, member_id, available, pending, debt, lifetime_earned, redeemed,
                expired, tier, tier_achieved_at, as_of, lots, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, now())
            ON CONFLICT (program, member_id) DO UPDATE SET available = EXCLUDED.available,
                pending = EXCLUDED.pending, debt = EXCLUDED.debt, lifetime_earned = EXCLUDED.lifetime_earned,
                redeemed = EXCLUDED.redeemed, expired = EXCLUDED.expired, tier = EXCLUDED.tier,
                tier_achieved_at = EXCLUDED.tier_achieved_at, as_of = EXCLUDED.as_of, lots = EXCLUDED.lots,
                updated_at = EXCLUDED.updated_at
            WHERE b.as_of <= EXCLUDED.as_of""";

    @Override
    public String name() {
        return "serving.balances";
    }

    @Override
    public List<String> statements() {
        return List.of(UPSERT);
    }

    @Override
    public List<ServingRow> rows(KeyedJson record) throws IOException {
        ServingBalance served = EventJson.mapper().readValue(record.value(), ServingBalance.class);
        Balance b = served.balance();
        String lots = EventJson.mapper().writeValueAsString(served.lots());
        return List.of(new ServingRow(0, b.program() + "\n" + b.memberId(), b.program(), b.memberId(),
                b.available(), b.pending(), b.debt(), b.lifetimeEarned(), b.redeemed(), b.expired(), b.tier(),
                b.tierAchievedAt(), b.asOf(), lots));
    }
}
