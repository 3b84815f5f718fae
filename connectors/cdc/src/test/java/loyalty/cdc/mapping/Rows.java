package loyalty.cdc.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Named rows and changes for the mapping tests, shaped like the operational tables. */
final class Rows {
    static final Instant CREATED = Instant.parse("2026-01-01T09:00:00Z");
    static final Instant ENROLLED = Instant.parse("2026-01-02T10:00:00Z");
    static final Instant EDITED = Instant.parse("2026-01-03T11:00:00Z");
    static final Instant COMMITTED = Instant.parse("2026-01-03T11:00:01Z");
    static final Instant COMPLETED = Instant.parse("2026-01-05T12:00:00Z");
    static final Instant RETURNED = Instant.parse("2026-01-08T15:30:00Z");
    static final Instant EFFECTIVE = Instant.parse("2026-02-01T00:00:00Z");
    static final long LSN = 23_456_789L;

    private Rows() {
    }

    static Map<String, Object> customer(String crmId, boolean enrolled) {
        Map<String, Object> row = new HashMap<>();
        row.put("crm_id", crmId);
        row.put("program", "acme");
        row.put("email", "Bob@X.com");
        row.put("phone", "(415) 555-0100");
        row.put("card_number", "C-1");
        row.put("first_name", "Bob");
        row.put("last_name", "Stone");
        row.put("birth_date", LocalDate.of(1990, 2, 28));
        row.put("country", "us");
        row.put("consent_email", true);
        row.put("consent_sms", false);
        row.put("consent_push", true);
        row.put("loyalty_enrolled", enrolled);
        row.put("enrolled_at", enrolled ? ENROLLED : null);
        row.put("referred_by", "7");
        row.put("created_at", CREATED);
        row.put("updated_at", enrolled ? ENROLLED : CREATED);
        return row;
    }

    static Map<String, Object> order(String orderId, String status) {
        Map<String, Object> row = new HashMap<>();
        row.put("order_id", orderId);
        row.put("program", "acme");
        row.put("customer_crm_id", "42");
        row.put("customer_email", "bob@x.com");
        row.put("customer_phone", null);
        row.put("card_number", "C-1");
        row.put("device_id", "d-9");
        row.put("net_amount", "120.50");
        row.put("currency", "USD");
        row.put("channel", "STORE");
        row.put("categories", List.of("shoes", "socks"));
        row.put("status", status);
        row.put("completed_at", "COMPLETED".equals(status) ? COMPLETED : null);
        row.put("created_at", CREATED);
        row.put("updated_at", "COMPLETED".equals(status) ? COMPLETED : CREATED);
        return row;
    }

    static Map<String, Object> returned(String returnId, String orderId) {
        Map<String, Object> row = new HashMap<>();
        row.put("return_id", returnId);
        row.put("program", "acme");
        row.put("order_id", orderId);
        row.put("customer_crm_id", "42");
        row.put("customer_email", null);
        row.put("customer_phone", null);
        row.put("card_number", null);
        row.put("refund_amount", new BigDecimal("30.00"));
        row.put("returned_at", RETURNED);
        return row;
    }

    static Map<String, Object> ruleSet(String version, String body) {
        Map<String, Object> row = new HashMap<>();
        row.put("program", "acme");
        row.put("version", version);
        row.put("effective_from", EFFECTIVE);
        row.put("body", body);
        row.put("published_at", CREATED);
        return row;
    }

    static Map<String, Object> with(Map<String, Object> row, Object... columnValues) {
        Map<String, Object> copy = new HashMap<>(row);
        for (int i = 0; i < columnValues.length; i += 2) {
            copy.put((String) columnValues[i], columnValues[i + 1]);
        }
        return copy;
    }

    static RowChange snapshot(String table, Map<String, Object> row) {
        return new RowChange(table, ChangeKind.SNAPSHOT, null, row, LSN, null);
    }

    static RowChange insert(String table, Map<String, Object> row) {
        return new RowChange(table, ChangeKind.INSERT, null, row, LSN, COMMITTED);
    }

    static RowChange update(String table, Map<String, Object> before, Map<String, Object> after) {
        return new RowChange(table, ChangeKind.UPDATE, before, after, LSN, COMMITTED);
    }

    static RowChange delete(String table, Map<String, Object> before) {
        return new RowChange(table, ChangeKind.DELETE, before, null, LSN, COMMITTED);
    }
}
