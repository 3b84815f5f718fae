package loyalty.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import loyalty.contract.event.EventJson;

/**
 * The reads of the balance API on the serving tables, each one indexed lookup (the primary keys, and
 * {@code ledger_entries (program, member_id, occurred_at desc)} for recent entries). Rows come back as JSON with
 * the tables' column names, instants in ISO-8601 UTC.
 */
final class ServingReads {
    private final Connection connection;

    ServingReads(Connection connection) {
        this.connection = connection;
    }

    /** The member's row in {@code serving.members}: status and, when merged, the survivor. */
    Optional<ObjectNode> member(String program, String memberId) throws SQLException {
        return one("SELECT member_id, status, merged_into, merged_at FROM serving.members"
                + " WHERE program = ? AND member_id = ?", program, memberId);
    }

    /** The member who holds a normalised identifier now (open links only). */
    Optional<String> holder(String program, String kind, String value) throws SQLException {
        return one("SELECT member_id FROM serving.identifiers WHERE program = ? AND kind = ? AND value = ?",
                program, kind, value).map(row -> row.path("member_id").asText());
    }

    Optional<ObjectNode> balance(String program, String memberId) throws SQLException {
        return one("SELECT available, pending, debt, lifetime_earned, redeemed, expired, tier, tier_achieved_at, as_of,"
                + " lots, updated_at FROM serving.balances WHERE program = ? AND member_id = ?", program, memberId);
    }

    /** The most recent entries first (ties by entry id, so pages are stable). */
    ArrayNode entries(String program, String memberId, int limit) throws SQLException {
        ArrayNode rows = EventJson.mapper().createArrayNode();
        try (PreparedStatement s = connection.prepareStatement("SELECT entry_id, type, points, lot_id, occurred_at,"
                + " available_at, expires_at, source_event_id, rule_version, campaign_ids, note"
                + " FROM serving.ledger_entries WHERE program = ? AND member_id = ?"
                + " ORDER BY occurred_at DESC, entry_id DESC LIMIT ?")) {
            s.setString(1, program);
            s.setString(2, memberId);
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        }
        return rows;
    }

    boolean reachable() throws SQLException {
        return connection.isValid(2);
    }

    private Optional<ObjectNode> one(String sql, String... params) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static ObjectNode row(ResultSet rs) throws SQLException {
        ObjectNode row = EventJson.mapper().createObjectNode();
        var meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnLabel(i);
            Object v = rs.getObject(i);
            if (v == null) {
                row.putNull(name);
            } else if (v instanceof Timestamp t) {
                row.put(name, t.toInstant().toString());
            } else if (v instanceof Long n) {
                row.put(name, n);
            } else if (v instanceof java.sql.Array a) {
                ArrayNode list = row.putArray(name);
                for (Object x : (Object[]) a.getArray()) {
                    list.add(String.valueOf(x));
                }
            } else if ("jsonb".equals(meta.getColumnTypeName(i))) {
                row.set(name, json(rs.getString(i)));
            } else {
                row.put(name, v.toString());
            }
        }
        return row;
    }

    private static JsonNode json(String text) throws SQLException {
        try {
            return EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new SQLException("unreadable jsonb: " + e.getMessage(), e);
        }
    }
}
