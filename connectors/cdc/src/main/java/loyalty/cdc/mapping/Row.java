package loyalty.cdc.mapping;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import loyalty.contract.validation.RejectReason;

/**
 * Typed reads of one row image. A blank text counts as absent (an empty CRM field is not an identifier); a value of
 * the wrong shape is an {@link UnmappableChangeException} naming the table and column.
 */
final class Row {
    private final String table;
    private final Map<String, Object> values;

    Row(String table, Map<String, Object> values) {
        this.table = table;
        this.values = values;
    }

    /** The text as stored (identifiers are normalised later, by identity resolution), or null when blank. */
    String text(String column) {
        Object v = values.get(column);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw wrongShape(column, v, "text");
        }
        return s.isBlank() ? null : s;
    }

    String requiredText(String column) {
        String s = text(column);
        if (s == null) {
            throw missing(column);
        }
        return s;
    }

    /** Trimmed and upper-cased, for codes such as country and currency; null when blank. */
    String upperCode(String column) {
        String s = text(column);
        return s == null ? null : s.trim().toUpperCase(Locale.ROOT);
    }

    /** Trimmed and lower-cased, for enumerations such as the sales channel; null when blank. */
    String lowerCode(String column) {
        String s = text(column);
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    boolean bool(String column) {
        Object v = values.get(column);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw wrongShape(column, v, "boolean");
        }
        return b;
    }

    Instant instant(String column) {
        Object v = values.get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof String s) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeException e) {
                throw invalid(column, s);
            }
        }
        throw wrongShape(column, v, "timestamp");
    }

    Instant requiredInstant(String column) {
        Instant i = instant(column);
        if (i == null) {
            throw missing(column);
        }
        return i;
    }

    LocalDate date(String column) {
        Object v = values.get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof String s) {
            try {
                return LocalDate.parse(s);
            } catch (DateTimeException e) {
                throw invalid(column, s);
            }
        }
        throw wrongShape(column, v, "date");
    }

    /** Exact decimals only: a BigDecimal or its string (Debezium's decimal.handling.mode=string), never a double. */
    BigDecimal requiredDecimal(String column) {
        Object v = values.get(column);
        if (v == null) {
            throw missing(column);
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw invalid(column, s);
            }
        }
        throw wrongShape(column, v, "exact decimal (BigDecimal or string)");
    }

    /** A text array; null elements are left out. */
    List<String> textList(String column) {
        Object v = values.get(column);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof Collection<?> items)) {
            throw wrongShape(column, v, "text array");
        }
        List<String> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof String s) {
                out.add(s);
            } else if (item != null) {
                throw wrongShape(column, item, "text array element");
            }
        }
        return out;
    }

    /** Whether a column holds the same value in both images (an update that left it alone). */
    boolean sameAs(Row other, String column) {
        return Objects.equals(values.get(column), other.values.get(column));
    }

    Object raw(String column) {
        return values.get(column);
    }

    private UnmappableChangeException missing(String column) {
        return new UnmappableChangeException(RejectReason.MISSING_FIELD, table + "." + column + " is empty");
    }

    private UnmappableChangeException invalid(String column, String value) {
        return new UnmappableChangeException(RejectReason.INVALID_VALUE,
                table + "." + column + " cannot be read: '" + value + "'");
    }

    private UnmappableChangeException wrongShape(String column, Object value, String expected) {
        return new UnmappableChangeException(RejectReason.WRONG_TYPE,
                table + "." + column + " is a " + value.getClass().getSimpleName() + ", expected " + expected);
    }
}
