package loyalty.cli.member;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The queries {@code loyalty member explain} runs through Trino. By hand:
 *
 * <pre>{@code
 * SELECT occurred_at, type, points, sum(points) OVER (ORDER BY occurred_at, entry_id) AS running_total,
 *        lot_id, source_event_id, rule_version, campaign_ids, note
 * FROM iceberg.ledger.points_ledger WHERE member_id = 'M-…' ORDER BY occurred_at, entry_id;
 * SELECT * FROM iceberg.ledger.balances WHERE member_id = 'M-…';
 * }</pre>
 */
public final class LedgerQueries implements AutoCloseable {
    static final String ENTRIES = """
            SELECT entry_id, program, member_id, type, points, lot_id, to_iso8601(occurred_at), to_iso8601(available_at),
                   to_iso8601(expires_at),
                   source_event_id, rule_version, array_join(campaign_ids, ','), note
            FROM iceberg.ledger.points_ledger
            WHERE program = ? AND member_id = ?
            ORDER BY occurred_at, entry_id
            """;
    static final String BALANCE = """
            SELECT program, member_id, available, pending, debt, lifetime_earned, redeemed, expired, tier,
                   to_iso8601(as_of)
            FROM iceberg.ledger.balances
            WHERE program = ? AND member_id = ?
            """;
    static final String PROGRAMS_OF = """
            SELECT DISTINCT program FROM iceberg.ledger.points_ledger WHERE member_id = ? ORDER BY 1
            """;

    static final String MOST_VARIED = """
            SELECT program, member_id FROM iceberg.ledger.points_ledger
            GROUP BY program, member_id
            HAVING count(*) <= ?
            ORDER BY count(DISTINCT type) DESC, count(*) DESC, member_id
            LIMIT 1
            """;

    private final Connection connection;

    private LedgerQueries(Connection connection) {
        this.connection = connection;
    }

    public static LedgerQueries connect(String jdbcUrl, String user) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        return new LedgerQueries(DriverManager.getConnection(jdbcUrl, props));
    }

    /** [program, member id] of the member whose ledger shows the most kinds of entry, within a length. */
    public Optional<List<String>> mostVariedMember(int maxEntries) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(MOST_VARIED)) {
            s.setInt(1, maxEntries);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(List.of(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    public List<String> programsOf(String memberId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(PROGRAMS_OF)) {
            s.setString(1, memberId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    public List<LedgerRow> entries(String program, String memberId) throws SQLException {
        List<LedgerRow> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(ENTRIES)) {
            s.setString(1, program);
            s.setString(2, memberId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new LedgerRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), rs.getString(6), instant(rs, 7), instant(rs, 8), instant(rs, 9),
                            rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)));
                }
            }
        }
        return out;
    }

    public Optional<BalanceRow> balance(String program, String memberId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(BALANCE)) {
            s.setString(1, program);
            s.setString(2, memberId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new BalanceRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getString(9),
                        instant(rs, 10)));
            }
        }
    }

    /** Timestamps come as ISO-8601 text ({@code to_iso8601}), whatever the driver would map them to. */
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : java.time.OffsetDateTime.parse(value).toInstant();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
