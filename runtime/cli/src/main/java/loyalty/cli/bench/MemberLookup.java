package loyalty.cli.bench;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A member's balance and latest entries, as {@code loyalty member find} and the balance API read them from the
 * lakehouse: by member id directly, or by an identifier resolved through identity.identity_links first.
 */
final class MemberLookup {
    static final String LINK = """
            SELECT member_id FROM iceberg.identity.identity_links
            WHERE program = ? AND identifier_type = ? AND identifier_value = ? AND valid_to IS NULL
            """;
    static final String BALANCE = """
            SELECT program, member_id, available, pending, debt, lifetime_earned, redeemed, expired, tier,
                   to_iso8601(as_of)
            FROM iceberg.ledger.balances
            WHERE program = ? AND member_id = ?
            """;
    static final String RECENT_ENTRIES = """
            SELECT entry_id, type, points, lot_id, to_iso8601(occurred_at), source_event_id
            FROM iceberg.ledger.points_ledger
            WHERE program = ? AND member_id = ?
            ORDER BY occurred_at DESC, entry_id DESC
            LIMIT 20
            """;

    private MemberLookup() {
    }

    static QueryTimer.Query byMemberId(String program, String memberId) {
        return trino -> balanceAndEntries(trino, program, memberId);
    }

    static QueryTimer.Query byEmail(String program, String email) {
        return trino -> {
            String memberId = QueryTimer.first(trino, LINK, program, "email", email);
            if (memberId == null) {
                throw new SQLException("no current link for email " + email);
            }
            return balanceAndEntries(trino, program, memberId);
        };
    }

    private static long balanceAndEntries(Connection trino, String program, String memberId) throws SQLException {
        return QueryTimer.rows(trino, BALANCE, program, memberId)
                + QueryTimer.rows(trino, RECENT_ENTRIES, program, memberId);
    }
}
