package loyalty.flink.serving;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/** Reads a Flink row of an Iceberg table by column name (the identity job's side outputs are such rows). */
final class RowColumns implements Serializable {
    /** Flink's precision of Iceberg's timestamptz. */
    private static final int MICROS = 6;

    private final Map<String, Integer> positions = new HashMap<>();

    private RowColumns(Schema schema) {
        int i = 0;
        for (Types.NestedField column : schema.columns()) {
            positions.put(column.name(), i++);
        }
    }

    static RowColumns of(Schema schema) {
        return new RowColumns(schema);
    }

    String string(RowData row, String column) {
        int p = position(column);
        return row.isNullAt(p) ? null : row.getString(p).toString();
    }

    Instant instant(RowData row, String column) {
        int p = position(column);
        return row.isNullAt(p) ? null : row.getTimestamp(p, MICROS).toInstant();
    }

    private int position(String column) {
        Integer p = positions.get(column);
        if (p == null) {
            throw new IllegalArgumentException("no column " + column);
        }
        return p;
    }
}
