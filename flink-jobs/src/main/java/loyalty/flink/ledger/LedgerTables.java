package loyalty.flink.ledger;

import java.util.List;
import loyalty.flink.common.IcebergTables;
import loyalty.flink.identity.KeyedJson;
import loyalty.flink.identity.RowByName;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.Balances;
import loyalty.lakehouse.table.Nudges;
import loyalty.lakehouse.table.PointsLedger;
import loyalty.lakehouse.table.RedemptionOutcomes;
import loyalty.lakehouse.table.RuleSetPublications;
import loyalty.lakehouse.table.TableDefinition;
import loyalty.lakehouse.table.TierHistory;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.sink.IcebergSink;

/**
 * The ledger operator's outputs as Iceberg tables: {@code points_ledger} and {@code tier_history} and
 * {@code redemption_outcomes} and {@code nudges} (delivered and suppressed) and {@code audit.rule_set_publications}
 * appended, {@code balances} upserted (a balance row is always the latest), committed on
 * checkpoints (or at the end of a batch run). The live job writes namespace {@code ledger}; a replay or a
 * simulation writes the same tables in its own namespace.
 */
public final class LedgerTables {
    public static final String LIVE_NAMESPACE = "ledger";

    private LedgerTables() {
    }

    /**
     * The six tables, in {@code namespace}; live, {@code rule_set_publications} stays in {@code audit} with the other
     * audit tables, while a replay keeps its copy beside its ledger, where dropping the namespace drops it too.
     */
    public static List<TableDefinition> definitions(String namespace) {
        return List.of(PointsLedger.DEFINITION, Balances.DEFINITION, TierHistory.DEFINITION,
                        RedemptionOutcomes.DEFINITION, Nudges.DEFINITION, RuleSetPublications.DEFINITION).stream()
                .map(d -> LIVE_NAMESPACE.equals(namespace) ? d : d.inNamespace(namespace))
                .toList();
    }

    /** Attaches the sinks; the tables must exist (see {@link #definitions}). */
    public static void attach(SingleOutputStreamOperator<KeyedJson> entries, LakehouseConfig lakehouse,
                              String namespace) {
        String prefix = LIVE_NAMESPACE.equals(namespace) ? "" : namespace + "-";
        sink(entries, LedgerRows.entries(), lakehouse, table(PointsLedger.ID, namespace), null,
                prefix + "points-ledger-iceberg");
        sink(entries.getSideOutput(LedgerOutputs.BALANCES), LedgerRows.balances(), lakehouse,
                table(Balances.ID, namespace), List.of("program", "member_id"), prefix + "balances-iceberg");
        sink(entries.getSideOutput(LedgerOutputs.TIER_CHANGES), LedgerRows.tierChanges(), lakehouse,
                table(TierHistory.ID, namespace), null, prefix + "tier-history-iceberg");
        sink(entries.getSideOutput(LedgerOutputs.OUTCOMES), LedgerRows.outcomes(), lakehouse,
                table(RedemptionOutcomes.ID, namespace), null, prefix + "redemption-outcomes-iceberg");
        sink(entries.getSideOutput(LedgerOutputs.NUDGES), LedgerRows.nudges(), lakehouse,
                table(Nudges.ID, namespace), null, prefix + "nudges-iceberg");
        sink(entries.getSideOutput(LedgerOutputs.RULE_SET_PUBLICATIONS), LedgerRows.ruleSetPublications(),
                lakehouse, table(RuleSetPublications.ID, namespace), null, prefix + "rule-set-publications-iceberg");
    }

    private static TableIdentifier table(TableIdentifier live, String namespace) {
        return LIVE_NAMESPACE.equals(namespace) ? live : TableIdentifier.of(namespace, live.name());
    }

    private static void sink(DataStream<KeyedJson> records, LedgerRows rows, LakehouseConfig lakehouse,
                             TableIdentifier table, List<String> key, String name) {
        DataStream<RowData> data = records.map(rows, RowByName.typeInfo(rows.schema()))
                .name(name + "-rows").uid(name + "-rows");
        IcebergSink.Builder builder = IcebergSink.forRowData(data)
                .tableLoader(IcebergTables.loader(lakehouse, table))
                .uidSuffix(name)
                .distributionMode(DistributionMode.HASH);
        if (key != null) {
            builder = builder.equalityFieldColumns(key).upsert(true);
        }
        builder.append().name(name);
    }
}
