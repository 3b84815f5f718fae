package loyalty.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.Balances;
import loyalty.lakehouse.table.PointsLedger;
import loyalty.lakehouse.table.RedemptionOutcomes;
import loyalty.lakehouse.table.TableDefinition;
import loyalty.lakehouse.table.TableDefinitions;
import loyalty.lakehouse.table.TierHistory;
import loyalty.stack.Ports;
import loyalty.stack.postgres.PostgresCluster;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger tables as the ledger job and Trino will find them: created in the {@code ledger} namespace of a JDBC
 * catalog, with the field ids, identifier fields (the UPSERT keys) and partitioning of their definitions.
 */
class LedgerTablesTest {
    private static final List<TableDefinition> LEDGER_TABLES = List.of(PointsLedger.DEFINITION, Balances.DEFINITION,
            TierHistory.DEFINITION, RedemptionOutcomes.DEFINITION);

    @TempDir
    static Path work;

    private static PostgresCluster postgres;
    private static Lakehouse lakehouse;

    @BeforeAll
    static void createTables() {
        postgres = PostgresCluster.start(work.resolve("pg"), Ports.free());
        lakehouse = Lakehouse.open(new LakehouseConfig(postgres.jdbcUrl(PostgresCluster.LAKEHOUSE_DB),
                PostgresCluster.USER, PostgresCluster.PASSWORD, work.resolve("warehouse").toUri().toString()));
        lakehouse.ensureTables();
    }

    @AfterAll
    static void stop() throws Exception {
        if (lakehouse != null) {
            lakehouse.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theyAreRegisteredAndCreatedInTheLedgerNamespace() {
        assertThat(TableDefinitions.all()).containsAll(LEDGER_TABLES);
        assertThat(lakehouse.catalog().listTables(Namespace.of("ledger"))).containsExactlyInAnyOrder(
                PointsLedger.ID, Balances.ID, TierHistory.ID, RedemptionOutcomes.ID,
                loyalty.lakehouse.table.Nudges.ID);
        assertThat(PointsLedger.ID.toString()).isEqualTo("ledger.points_ledger");
        assertThat(Balances.ID.toString()).isEqualTo("ledger.balances");
        assertThat(TierHistory.ID.toString()).isEqualTo("ledger.tier_history");
        assertThat(RedemptionOutcomes.ID.toString()).isEqualTo("ledger.redemption_outcomes");
    }

    @Test
    void icebergKeepsTheFieldIdsOfTheDefinitions() {
        // Iceberg renumbers a new table's fields itself; equal structs mean the definitions number them as it does.
        for (TableDefinition definition : LEDGER_TABLES) {
            Table table = lakehouse.load(definition);
            assertThat(table.schema().asStruct()).as(definition.id().toString())
                    .isEqualTo(definition.schema().asStruct());
        }
        Table ledger = lakehouse.load(PointsLedger.DEFINITION);
        assertThat(ledger.schema().findField("note").fieldId()).isEqualTo(13);
        assertThat(ledger.schema().findField("campaign_ids.element").fieldId()).isEqualTo(14);
        assertThat(lakehouse.load(Balances.DEFINITION).schema().findField("as_of").fieldId()).isEqualTo(11);
        assertThat(lakehouse.load(TierHistory.DEFINITION).schema().findField("qualifying_spend").fieldId())
                .isEqualTo(8);
        assertThat(lakehouse.load(RedemptionOutcomes.DEFINITION).schema().findField("repeat_of").fieldId())
                .isEqualTo(10);
    }

    @Test
    void columnsComeInTheContractsOrderWithTheirTypes() {
        assertThat(columnNames(PointsLedger.DEFINITION)).containsExactly("entry_id", "program", "member_id", "type",
                "points", "lot_id", "occurred_at", "available_at", "expires_at", "source_event_id", "rule_version",
                "campaign_ids", "note");
        assertThat(columnNames(Balances.DEFINITION)).containsExactly("program", "member_id", "available", "pending",
                "debt", "lifetime_earned", "redeemed", "expired", "tier", "tier_achieved_at", "as_of");
        assertThat(columnNames(TierHistory.DEFINITION)).containsExactly("program", "member_id", "from_tier",
                "to_tier", "achieved_at", "cause", "source_event_id", "qualifying_spend");
        assertThat(columnNames(RedemptionOutcomes.DEFINITION)).containsExactly("redemption_id", "program",
                "member_id", "status", "reason", "points", "available_before", "event_id", "decided_at", "repeat_of");

        Table ledger = lakehouse.load(PointsLedger.DEFINITION);
        assertThat(requiredColumns(ledger)).containsExactly("entry_id", "program", "member_id", "type", "points",
                "occurred_at", "source_event_id");
        assertThat(ledger.schema().findType("points")).isEqualTo(Types.LongType.get());
        assertThat(ledger.schema().findType("expires_at")).isEqualTo(Types.TimestampType.withZone());
        assertThat(ledger.schema().findType("campaign_ids").typeId()).isEqualTo(Type.TypeID.LIST);
        assertThat(ledger.schema().findField("campaign_ids.element").isOptional()).isTrue();

        Table balances = lakehouse.load(Balances.DEFINITION);
        assertThat(requiredColumns(balances)).containsExactly("program", "member_id", "available", "pending", "debt",
                "lifetime_earned", "redeemed", "expired", "as_of");
        assertThat(balances.schema().findType("available")).isEqualTo(Types.LongType.get());
        assertThat(balances.schema().findType("tier_achieved_at")).isEqualTo(Types.TimestampType.withZone());

        Table tiers = lakehouse.load(TierHistory.DEFINITION);
        assertThat(requiredColumns(tiers)).containsExactly("program", "member_id", "to_tier", "achieved_at", "cause",
                "source_event_id");
        assertThat(tiers.schema().findType("qualifying_spend")).isEqualTo(Types.DecimalType.of(14, 2));

        Table outcomes = lakehouse.load(RedemptionOutcomes.DEFINITION);
        assertThat(requiredColumns(outcomes)).containsExactly("redemption_id", "program", "status", "points",
                "event_id", "decided_at");
        assertThat(outcomes.schema().findType("available_before")).isEqualTo(Types.LongType.get());
        assertThat(outcomes.schema().findType("decided_at")).isEqualTo(Types.TimestampType.withZone());
    }

    @Test
    void balancesAreKeyedByProgramAndMemberAndPartitionedByProgram() {
        Table balances = lakehouse.load(Balances.DEFINITION);
        assertThat(balances.schema().identifierFieldNames()).containsExactlyInAnyOrder("program", "member_id");
        assertThat(partitioning(balances)).containsExactly("program:identity");
    }

    @Test
    void theAppendOnlyTablesHaveNoKeyAndTheirOwnPartitioning() {
        Table ledger = lakehouse.load(PointsLedger.DEFINITION);
        assertThat(ledger.schema().identifierFieldNames()).isEmpty();
        assertThat(partitioning(ledger)).containsExactly("occurred_at:month", "member_id:bucket[16]");

        Table tiers = lakehouse.load(TierHistory.DEFINITION);
        assertThat(tiers.schema().identifierFieldNames()).isEmpty();
        assertThat(partitioning(tiers)).containsExactly("program:identity");

        Table outcomes = lakehouse.load(RedemptionOutcomes.DEFINITION);
        assertThat(outcomes.schema().identifierFieldNames()).isEmpty();
        assertThat(partitioning(outcomes)).containsExactly("decided_at:month");
    }

    @Test
    void allAreFormatVersion2ParquetZstdWithoutATableWideUpsert() {
        for (TableDefinition definition : LEDGER_TABLES) {
            Table table = lakehouse.load(definition);
            assertThat(((BaseTable) table).operations().current().formatVersion()).as(definition.id().toString())
                    .isEqualTo(2);
            assertThat(table.properties()).as(definition.id().toString())
                    .containsEntry("write.format.default", "parquet")
                    .containsEntry("write.parquet.compression-codec", "zstd")
                    .doesNotContainKey("write.upsert.enabled");
        }
    }

    private static List<String> columnNames(TableDefinition definition) {
        return lakehouse.load(definition).schema().columns().stream().map(Types.NestedField::name).toList();
    }

    private static List<String> requiredColumns(Table table) {
        return table.schema().columns().stream().filter(Types.NestedField::isRequired).map(Types.NestedField::name)
                .toList();
    }

    private static List<String> partitioning(Table table) {
        return table.spec().fields().stream().map(f -> source(table, f) + ":" + f.transform()).toList();
    }

    private static String source(Table table, PartitionField field) {
        return table.schema().findColumnName(field.sourceId());
    }
}
