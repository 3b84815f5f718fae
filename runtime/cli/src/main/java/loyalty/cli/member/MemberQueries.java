package loyalty.cli.member;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Every query {@code loyalty member find} runs, on one Trino connection, with the searched values as
 * {@link PreparedStatement} parameters (never spliced into the SQL text). The same lookup by hand, in
 * {@code loyalty sql} or any Trino client:
 *
 * <pre>{@code
 * -- who holds an identifier now (identifier_value is normalised: for a plain email lower(trim(...)) is enough;
 * -- gmail addresses also lose dots and +tags, phones are E.164, cards upper-case without spaces and dashes)
 * SELECT l.program, l.member_id, m.status, m.merged_into, m.enrolled_at, m.first_name, m.last_name,
 *        m.emails, m.phones, m.cards, m.crm_id, m.devices
 * FROM iceberg.identity.identity_links l
 * LEFT JOIN iceberg.identity.members m ON m.program = l.program AND m.member_id = l.member_id
 * WHERE l.identifier_type = 'email' AND l.identifier_value = lower(trim(' Bob@X.com '))
 *   AND l.valid_to IS NULL;
 *
 * -- the identifier's history: every member that held it, and why each link ended
 * SELECT program, member_id, valid_from, valid_to, linked_by_event, ended_by_event, end_reason
 * FROM iceberg.identity.identity_links
 * WHERE identifier_type = 'email' AND identifier_value = 'bob@x.com'
 * ORDER BY program, valid_from;
 * }</pre>
 */
public final class MemberQueries implements AutoCloseable {
    private static final String LINK_COLUMNS = """
            SELECT program, link_id, identifier_type, identifier_value, member_id, CAST(valid_from AS varchar),
                   linked_by_event, CAST(valid_to AS varchar), ended_by_event, end_reason
            FROM iceberg.identity.identity_links
            """;
    static final String CURRENT_LINKS = LINK_COLUMNS
            + "WHERE identifier_type = ? AND identifier_value = ? AND valid_to IS NULL\n";
    static final String IDENTIFIER_HISTORY = LINK_COLUMNS
            + "WHERE identifier_type = ? AND identifier_value = ?\n";
    static final String LINKS_OF_MEMBER = LINK_COLUMNS
            + "WHERE member_id = ?\n";
    static final String MEMBER = """
            SELECT program, member_id, status, merged_into, CAST(merged_at AS varchar), CAST(created_at AS varchar),
                   created_by_event, CAST(enrolled_at AS varchar), first_name, last_name,
                   CAST(birth_date AS varchar), country, consent_email, consent_sms, consent_push, emails, phones,
                   cards, crm_id, devices, CAST(updated_at AS varchar), updated_by_event
            FROM iceberg.identity.members
            WHERE member_id = ?
            """;
    /** Appended, as text, when the search is limited to one program; the program itself is a parameter. */
    private static final String IN_PROGRAM = "AND program = ?\n";
    private static final String LINKS_BY_TIME = "ORDER BY program, valid_from, link_id";
    private static final String MEMBER_LINKS_BY_TIME = "ORDER BY program, valid_from, identifier_type, link_id";

    private final Connection connection;

    private MemberQueries(Connection connection) {
        this.connection = connection;
    }

    /**
     * @param jdbcUrl e.g. {@code jdbc:trino://127.0.0.1:18080/iceberg}
     * @throws SQLException when Trino cannot be reached
     */
    public static MemberQueries connect(String jdbcUrl, String user) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        return new MemberQueries(DriverManager.getConnection(jdbcUrl, props));
    }

    /** The links that hold the identifier now: one per program that knows it, normally. */
    public List<LinkRow> currentLinks(Optional<String> program, SearchedIdentifier id) throws SQLException {
        return links(CURRENT_LINKS, LINKS_BY_TIME, program, id.type().wireName(), id.value());
    }

    /** Every link the identifier ever had, oldest first per program, ended ones included. */
    public List<LinkRow> history(Optional<String> program, SearchedIdentifier id) throws SQLException {
        return links(IDENTIFIER_HISTORY, LINKS_BY_TIME, program, id.type().wireName(), id.value());
    }

    /** Every link a member ever had, of every identifier type. */
    public List<LinkRow> linksOf(Optional<String> program, String memberId) throws SQLException {
        return links(LINKS_OF_MEMBER, MEMBER_LINKS_BY_TIME, program, memberId);
    }

    /** The member's profile row in every program (or the one given) that has it. */
    public List<MemberRow> members(Optional<String> program, String memberId) throws SQLException {
        List<MemberRow> rows = new ArrayList<>();
        try (PreparedStatement statement = prepare(MEMBER, "ORDER BY program", program, memberId);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(new MemberRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getString(12), bool(rs, 13), bool(rs, 14),
                        bool(rs, 15), strings(rs.getArray(16)), strings(rs.getArray(17)), strings(rs.getArray(18)),
                        rs.getString(19), strings(rs.getArray(20)), rs.getString(21), rs.getString(22)));
            }
        }
        return rows;
    }

    /** The member's row in one program. */
    public Optional<MemberRow> member(String program, String memberId) throws SQLException {
        return members(Optional.of(program), memberId).stream().findFirst();
    }

    private List<LinkRow> links(String sql, String order, Optional<String> program, String... values)
            throws SQLException {
        List<LinkRow> rows = new ArrayList<>();
        try (PreparedStatement statement = prepare(sql, order, program, values);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(new LinkRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10)));
            }
        }
        return rows;
    }

    private PreparedStatement prepare(String sql, String order, Optional<String> program, String... values)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(
                sql + (program.isPresent() ? IN_PROGRAM : "") + order);
        try {
            int index = 1;
            for (String value : values) {
                statement.setString(index++, value);
            }
            if (program.isPresent()) {
                statement.setString(index, program.get());
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    private static Boolean bool(ResultSet rs, int column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (Object value : (Object[]) array.getArray()) {
            if (value != null) {
                values.add(Objects.toString(value));
            }
        }
        return values;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
