package loyalty.flink.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import loyalty.contract.event.EventJson;
import loyalty.flink.identity.KeyedJson;
import loyalty.flink.identity.RowByName;
import loyalty.lakehouse.table.Balances;
import loyalty.lakehouse.table.Nudges;
import loyalty.lakehouse.table.PointsLedger;
import loyalty.lakehouse.table.RedemptionOutcomes;
import loyalty.lakehouse.table.RuleSetPublications;
import loyalty.lakehouse.table.TierHistory;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Schema;

/** Rows of the ledger tables from the ledger operator's JSON outputs, column by column as the tables name them. */
final class LedgerRows implements MapFunction<KeyedJson, RowData> {
    private final Schema schema;

    private LedgerRows(Schema schema) {
        this.schema = schema;
    }

    static LedgerRows entries() {
        return new LedgerRows(PointsLedger.SCHEMA);
    }

    static LedgerRows balances() {
        return new LedgerRows(Balances.SCHEMA);
    }

    static LedgerRows tierChanges() {
        return new LedgerRows(TierHistory.SCHEMA);
    }

    static LedgerRows outcomes() {
        return new LedgerRows(RedemptionOutcomes.SCHEMA);
    }

    static LedgerRows nudges() {
        return new LedgerRows(Nudges.SCHEMA);
    }

    static LedgerRows ruleSetPublications() {
        return new LedgerRows(RuleSetPublications.SCHEMA);
    }

    Schema schema() {
        return schema;
    }

    @Override
    public RowData map(KeyedJson record) throws Exception {
        JsonNode json = EventJson.mapper().readTree(record.value());
        RowByName row = RowByName.of(schema);
        for (var column : schema.columns()) {
            JsonNode v = json.get(column.name());
            if (v == null || v.isNull()) {
                continue;
            }
            row.set(column.name(), value(column.type(), v));
        }
        return row.build();
    }

    private static Object value(org.apache.iceberg.types.Type type, JsonNode v) {
        return switch (type.typeId()) {
            case LONG -> v.asLong();
            case INTEGER -> v.asInt();
            case BOOLEAN -> v.asBoolean();
            case DECIMAL -> new BigDecimal(v.asText());
            case TIMESTAMP -> Instant.parse(v.asText());
            case LIST -> {
                List<String> list = new ArrayList<>();
                v.forEach(x -> list.add(x.asText()));
                yield list;
            }
            // JSON in a string column (a nudge's context, a rule set diff) is kept as its JSON text
            default -> v.isContainerNode() ? v.toString() : v.asText();
        };
    }
}
