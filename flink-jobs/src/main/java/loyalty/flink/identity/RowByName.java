package loyalty.flink.identity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.types.Types;

/**
 * A Flink row of an Iceberg table filled by column name, so the converters read like the table and survive a
 * column being added. Java values map to Flink's internal ones: String, Instant (timestamptz), LocalDate, Boolean,
 * Long, Integer, BigDecimal (at the column's scale), List of String.
 */
public final class RowByName {
    private final Schema schema;
    private final Map<String, Object> values = new HashMap<>();

    private RowByName(Schema schema) {
        this.schema = schema;
    }

    public static RowByName of(Schema schema) {
        return new RowByName(schema);
    }

    public static TypeInformation<RowData> typeInfo(Schema schema) {
        return InternalTypeInfo.of(FlinkSchemaUtil.convert(schema));
    }

    public RowByName set(String column, Object value) {
        if (schema.findField(column) == null) {
            throw new IllegalArgumentException("no column " + column + " in " + schema);
        }
        values.put(column, value);
        return this;
    }

    public RowData build() {
        List<Types.NestedField> columns = schema.columns();
        GenericRowData row = new GenericRowData(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Types.NestedField column = columns.get(i);
            Object value = values.get(column.name());
            if (value == null && column.isRequired()) {
                throw new IllegalArgumentException("required column " + column.name() + " has no value");
            }
            row.setField(i, value instanceof BigDecimal d && column.type() instanceof Types.DecimalType dt
                    ? DecimalData.fromBigDecimal(d.setScale(dt.scale(), RoundingMode.HALF_EVEN), dt.precision(),
                    dt.scale())
                    : internal(value));
        }
        return row;
    }

    private static Object internal(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Long || value instanceof Integer) {
            return value;
        }
        if (value instanceof String s) {
            return StringData.fromString(s);
        }
        if (value instanceof Instant t) {
            return TimestampData.fromInstant(t);
        }
        if (value instanceof LocalDate d) {
            return (int) d.toEpochDay();
        }
        if (value instanceof List<?> list) {
            return new GenericArrayData(list.stream().map(v -> StringData.fromString((String) v)).toArray());
        }
        throw new IllegalArgumentException("no row mapping for " + value.getClass());
    }
}
