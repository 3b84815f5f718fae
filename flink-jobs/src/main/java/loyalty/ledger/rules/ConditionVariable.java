package loyalty.ledger.rules;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a campaign condition may read (SPEC §5): fields of {@code order} and of {@code member}, the member as they
 * stand before the order.
 *
 * <p>Each field is declared to CEL as a qualified variable ({@code order.channel}) with its own type rather than
 * {@code order} as a {@code map(string, dyn)}: the checker then rejects an unknown field, a string compared with a
 * number or a condition that is not a bool when the rule set is published, instead of at the first order. The price
 * is that {@code has(order.x)} is not available; every field is always supplied (a missing one makes the condition
 * undecidable, see {@link CampaignConditions}).
 *
 * <p>CEL has no decimal type, so amounts are doubles here. A condition only compares them with thresholds; the points
 * themselves are computed from the exact decimals.
 */
enum ConditionVariable {
    ORDER_ID("order", "order_id", Kind.STRING),
    NET_AMOUNT("order", "net_amount", Kind.DOUBLE),
    CURRENCY("order", "currency", Kind.STRING),
    CHANNEL("order", "channel", Kind.STRING),
    CATEGORIES("order", "categories", Kind.STRING_LIST),
    TIER("member", "tier", Kind.STRING),
    ENROLLED_AT("member", "enrolled_at", Kind.TIMESTAMP),
    COUNTRY("member", "country", Kind.STRING),
    LIFETIME_ORDERS("member", "lifetime_orders", Kind.INT),
    QUALIFYING_SPEND("member", "qualifying_spend", Kind.DOUBLE);

    private final String scope;
    private final String field;
    private final Kind kind;

    ConditionVariable(String scope, String field, Kind kind) {
        this.scope = scope;
        this.field = field;
        this.kind = kind;
    }

    /** The name CEL knows it by, e.g. {@code order.net_amount}. */
    String qualifiedName() {
        return scope + "." + field;
    }

    CelType celType() {
        return kind.celType;
    }

    /** This variable's value from the caller's {@code order} or {@code member} map; {@code null} when absent. */
    Object valueFrom(Map<String, ?> order, Map<String, ?> member) {
        Map<String, ?> facts = scope.equals("order") ? order : member;
        Object raw = facts == null ? null : facts.get(field);
        return raw == null ? null : kind.toCel(raw, qualifiedName());
    }

    /** The Java values the CEL runtime expects for each type; callers may pass the loyalty domain's own types. */
    private enum Kind {
        STRING(SimpleType.STRING) {
            @Override
            Object toCel(Object v, String name) {
                if (v instanceof String s) {
                    return s;
                }
                throw wrong(name, "a string", v);
            }
        },
        DOUBLE(SimpleType.DOUBLE) {
            @Override
            Object toCel(Object v, String name) {
                if (v instanceof Number n) {
                    return n.doubleValue();
                }
                if (v instanceof String s) {
                    try {
                        return new BigDecimal(s).doubleValue();
                    } catch (NumberFormatException e) {
                        throw wrong(name, "a decimal", v);
                    }
                }
                throw wrong(name, "a decimal", v);
            }
        },
        INT(SimpleType.INT) {
            @Override
            Object toCel(Object v, String name) {
                if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    return ((Number) v).longValue();
                }
                try {
                    if (v instanceof BigInteger b) {
                        return b.longValueExact();
                    }
                    if (v instanceof BigDecimal d) {
                        return d.longValueExact();
                    }
                } catch (ArithmeticException e) {
                    throw wrong(name, "an integer", v);
                }
                throw wrong(name, "an integer", v);
            }
        },
        TIMESTAMP(SimpleType.TIMESTAMP) {
            @Override
            Object toCel(Object v, String name) {
                if (v instanceof Instant i) {
                    return i;
                }
                if (v instanceof OffsetDateTime o) {
                    return o.toInstant();
                }
                if (v instanceof ZonedDateTime z) {
                    return z.toInstant();
                }
                if (v instanceof String s) {
                    try {
                        return OffsetDateTime.parse(s).toInstant();
                    } catch (RuntimeException e) {
                        throw wrong(name, "an ISO-8601 instant", v);
                    }
                }
                throw wrong(name, "an instant", v);
            }
        },
        STRING_LIST(ListType.create(SimpleType.STRING)) {
            @Override
            Object toCel(Object v, String name) {
                if (!(v instanceof Collection<?> c)) {
                    throw wrong(name, "a list of strings", v);
                }
                List<String> out = new ArrayList<>(c.size());
                for (Object e : c) {
                    if (!(e instanceof String s)) {
                        throw wrong(name, "a list of strings", v);
                    }
                    out.add(s);
                }
                return List.copyOf(out);
            }
        };

        private final CelType celType;

        Kind(CelType celType) {
            this.celType = celType;
        }

        abstract Object toCel(Object value, String name);

        private static IllegalArgumentException wrong(String name, String expected, Object v) {
            return new IllegalArgumentException(
                    name + " should be " + expected + ", was " + v.getClass().getSimpleName() + " " + v);
        }
    }
}
