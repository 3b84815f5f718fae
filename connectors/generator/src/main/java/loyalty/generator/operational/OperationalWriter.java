package loyalty.generator.operational;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import loyalty.contract.operational.OperationalSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes operational changes into PostgreSQL in the order they happened, so that CDC sees them in that order.
 * Consecutive statements of the same shape go out as one JDBC batch; a transaction commits every
 * {@value #COMMIT_EVERY} changes so a large data set streams rather than building one huge transaction.
 */
public final class OperationalWriter {
    public static final int COMMIT_EVERY = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(OperationalWriter.class);

    private static final String INSERT_CUSTOMER = "INSERT INTO customers (crm_id, program, email, phone, card_number,"
            + " first_name, last_name, birth_date, country, consent_email, consent_sms, consent_push,"
            + " loyalty_enrolled, enrolled_at, referred_by, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_CUSTOMER = "UPDATE customers SET email = ?, phone = ?, card_number = ?,"
            + " first_name = ?, last_name = ?, birth_date = ?, country = ?, consent_email = ?, consent_sms = ?,"
            + " consent_push = ?, loyalty_enrolled = ?, enrolled_at = ?, referred_by = ?, updated_at = ?"
            + " WHERE crm_id = ?";
    private static final String DELETE_CUSTOMER = "DELETE FROM customers WHERE crm_id = ?";
    private static final String INSERT_ORDER = "INSERT INTO orders (order_id, program, customer_crm_id,"
            + " customer_email, customer_phone, card_number, device_id, net_amount, currency, channel, categories,"
            + " status, completed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_ORDER = "UPDATE orders SET status = ?, completed_at = ?, updated_at = ?"
            + " WHERE order_id = ?";
    private static final String INSERT_RETURN = "INSERT INTO returns (return_id, program, order_id, customer_crm_id,"
            + " customer_email, customer_phone, card_number, refund_amount, returned_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_RULE_SET = "INSERT INTO loyalty_rule_sets (program, version, effective_from,"
            + " body, published_at) VALUES (?, ?, ?, ?::jsonb, ?)";

    private OperationalWriter() {
    }

    /** What was written, per table and statement kind. */
    public record Summary(int changes, Map<String, Map<OperationalChange.Kind, Integer>> byTable) {
    }

    /**
     * Creates the tables if needed ({@link OperationalSchema#apply}) and writes every change, committing as it
     * goes. The connection's auto-commit setting is restored afterwards.
     */
    public static Summary write(Connection connection, List<OperationalChange> changes) throws SQLException {
        OperationalSchema.apply(connection);
        long started = System.nanoTime();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        Map<String, Map<OperationalChange.Kind, Integer>> counts = new HashMap<>();
        Map<String, PreparedStatement> statements = new HashMap<>();
        try {
            PreparedStatement pending = null;
            int inTransaction = 0;
            for (OperationalChange change : changes) {
                String sql = sqlOf(change);
                PreparedStatement statement = statements.get(sql);
                if (statement == null) {
                    statement = connection.prepareStatement(sql);
                    statements.put(sql, statement);
                }
                if (pending != null && pending != statement) {
                    pending.executeBatch();
                }
                bind(statement, change, connection);
                statement.addBatch();
                pending = statement;
                counts.computeIfAbsent(change.table(), t -> new EnumMap<>(OperationalChange.Kind.class))
                        .merge(change.kind(), 1, Integer::sum);
                if (++inTransaction == COMMIT_EVERY) {
                    pending.executeBatch();
                    pending = null;
                    connection.commit();
                    inTransaction = 0;
                }
            }
            if (pending != null) {
                pending.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            for (PreparedStatement s : statements.values()) {
                s.close();
            }
            connection.setAutoCommit(autoCommit);
        }
        LOG.info("event=operational_written changes={} tables={} took_ms={}", changes.size(), counts,
                (System.nanoTime() - started) / 1_000_000);
        return new Summary(changes.size(), counts);
    }

    private static String sqlOf(OperationalChange change) {
        Row row = change.row();
        return switch (change.kind()) {
            case INSERT -> row instanceof CustomerRow ? INSERT_CUSTOMER
                    : row instanceof OrderRow ? INSERT_ORDER
                    : row instanceof ReturnRow ? INSERT_RETURN
                    : INSERT_RULE_SET;
            case UPDATE -> row instanceof CustomerRow ? UPDATE_CUSTOMER : UPDATE_ORDER;
            case DELETE -> DELETE_CUSTOMER;
        };
    }

    private static void bind(PreparedStatement s, OperationalChange change, Connection connection)
            throws SQLException {
        Row row = change.row();
        if (change.kind() == OperationalChange.Kind.DELETE) {
            s.setString(1, row.primaryKey());
            return;
        }
        if (row instanceof CustomerRow c && change.kind() == OperationalChange.Kind.INSERT) {
            s.setString(1, c.crmId());
            s.setString(2, c.program());
            bindCustomerColumns(s, c, 3);
            setInstant(s, 16, c.createdAt());
            setInstant(s, 17, c.updatedAt());
        } else if (row instanceof CustomerRow c) {
            bindCustomerColumns(s, c, 1);
            setInstant(s, 14, c.updatedAt());
            s.setString(15, c.crmId());
        } else if (row instanceof OrderRow o && change.kind() == OperationalChange.Kind.INSERT) {
            s.setString(1, o.orderId());
            s.setString(2, o.program());
            s.setString(3, o.customerCrmId());
            s.setString(4, o.customerEmail());
            s.setString(5, o.customerPhone());
            s.setString(6, o.cardNumber());
            s.setString(7, o.deviceId());
            s.setBigDecimal(8, o.netAmount());
            s.setString(9, o.currency());
            s.setString(10, o.channel());
            Array categories = connection.createArrayOf("text", o.categories().toArray());
            s.setArray(11, categories);
            s.setString(12, o.status());
            setInstant(s, 13, o.completedAt());
            setInstant(s, 14, o.createdAt());
            setInstant(s, 15, o.updatedAt());
        } else if (row instanceof OrderRow o) {
            s.setString(1, o.status());
            setInstant(s, 2, o.completedAt());
            setInstant(s, 3, o.updatedAt());
            s.setString(4, o.orderId());
        } else if (row instanceof ReturnRow r) {
            s.setString(1, r.returnId());
            s.setString(2, r.program());
            s.setString(3, r.orderId());
            s.setString(4, r.customerCrmId());
            s.setString(5, r.customerEmail());
            s.setString(6, r.customerPhone());
            s.setString(7, r.cardNumber());
            s.setBigDecimal(8, r.refundAmount());
            setInstant(s, 9, r.returnedAt());
        } else if (row instanceof RuleSetRow r) {
            s.setString(1, r.program());
            s.setString(2, r.version());
            setInstant(s, 3, r.effectiveFrom());
            s.setString(4, r.body());
            setInstant(s, 5, r.publishedAt());
        }
    }

    /** The columns shared by INSERT and UPDATE, from email to referred_by (13 parameters). */
    private static void bindCustomerColumns(PreparedStatement s, CustomerRow c, int first) throws SQLException {
        s.setString(first, c.email());
        s.setString(first + 1, c.phone());
        s.setString(first + 2, c.cardNumber());
        s.setString(first + 3, c.firstName());
        s.setString(first + 4, c.lastName());
        if (c.birthDate() == null) {
            s.setNull(first + 5, Types.DATE);
        } else {
            s.setObject(first + 5, c.birthDate());
        }
        s.setString(first + 6, c.country());
        s.setBoolean(first + 7, c.consentEmail());
        s.setBoolean(first + 8, c.consentSms());
        s.setBoolean(first + 9, c.consentPush());
        s.setBoolean(first + 10, c.loyaltyEnrolled());
        setInstant(s, first + 11, c.enrolledAt());
        s.setString(first + 12, c.referredBy());
    }

    /** Instants go out as UTC offset date-times, so the JVM's time zone never shifts them. */
    private static void setInstant(PreparedStatement s, int index, Instant at) throws SQLException {
        if (at == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        }
    }
}
