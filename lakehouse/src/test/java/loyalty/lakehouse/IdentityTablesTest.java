package loyalty.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.IdentityEvents;
import loyalty.lakehouse.table.IdentityLinks;
import loyalty.lakehouse.table.Members;
import loyalty.lakehouse.table.TableDefinition;
import loyalty.lakehouse.table.TableDefinitions;
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
 * The identity tables as the identity job and Trino will find them: created in the {@code identity} namespace of a
 * JDBC catalog, with the field ids, identifier fields (the UPSERT keys) and partitioning of their definitions.
 */
class IdentityTablesTest {
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
    void theyAreRegisteredAndCreatedInTheIdentityNamespace() {
        assertThat(TableDefinitions.all()).contains(Members.DEFINITION, IdentityLinks.DEFINITION,
                IdentityEvents.DEFINITION);
        assertThat(lakehouse.catalog().listTables(Namespace.of("identity"))).containsExactlyInAnyOrder(
                Members.ID, IdentityLinks.ID, IdentityEvents.ID);
        assertThat(Members.ID.toString()).isEqualTo("identity.members");
        assertThat(IdentityLinks.ID.toString()).isEqualTo("identity.identity_links");
        assertThat(IdentityEvents.ID.toString()).isEqualTo("identity.identity_events");
    }

    @Test
    void icebergKeepsTheFieldIdsOfTheDefinitions() {
        // Iceberg renumbers a new table's fields itself; equal structs mean the definitions number them as it does.
        for (TableDefinition definition : List.of(Members.DEFINITION, IdentityLinks.DEFINITION,
                IdentityEvents.DEFINITION)) {
            Table table = lakehouse.load(definition);
            assertThat(table.schema().asStruct()).as(definition.id().toString())
                    .isEqualTo(definition.schema().asStruct());
        }
        Table members = lakehouse.load(Members.DEFINITION);
        assertThat(members.schema().findField("updated_by_event").fieldId()).isEqualTo(22);
        assertThat(members.schema().findField("devices.element").fieldId()).isEqualTo(26);
        assertThat(lakehouse.load(IdentityEvents.DEFINITION).schema().findField("identifiers.element").fieldId())
                .isEqualTo(15);
    }

    @Test
    void columnsComeInTheContractsOrderWithTheirTypes() {
        assertThat(columnNames(Members.DEFINITION)).containsExactly("program", "member_id", "status", "merged_into",
                "merged_at", "created_at", "created_by_event", "enrolled_at", "first_name", "last_name", "birth_date",
                "country", "consent_email", "consent_sms", "consent_push", "emails", "phones", "cards", "crm_id",
                "devices", "updated_at", "updated_by_event");
        assertThat(columnNames(IdentityLinks.DEFINITION)).containsExactly("program", "link_id", "identifier_type",
                "identifier_value", "member_id", "valid_from", "linked_by_event", "valid_to", "ended_by_event",
                "end_reason");
        assertThat(columnNames(IdentityEvents.DEFINITION)).containsExactly("program", "record_id", "kind",
                "event_id", "occurred_at", "survivor_id", "loser_id", "members", "assigned_to", "reason", "detail",
                "identifiers", "welcome_clawback");

        Table members = lakehouse.load(Members.DEFINITION);
        assertThat(requiredColumns(members)).containsExactly("program", "member_id", "status", "created_at",
                "created_by_event", "updated_at", "updated_by_event");
        assertThat(members.schema().findType("merged_at")).isEqualTo(Types.TimestampType.withZone());
        assertThat(members.schema().findType("birth_date")).isEqualTo(Types.DateType.get());
        assertThat(members.schema().findType("consent_sms")).isEqualTo(Types.BooleanType.get());
        assertThat(members.schema().findType("phones").typeId()).isEqualTo(Type.TypeID.LIST);
        assertThat(requiredColumns(lakehouse.load(IdentityLinks.DEFINITION))).containsExactly("program", "link_id",
                "identifier_type", "identifier_value", "member_id", "valid_from", "linked_by_event");
        Table events = lakehouse.load(IdentityEvents.DEFINITION);
        assertThat(requiredColumns(events)).containsExactly("program", "record_id", "kind", "event_id",
                "occurred_at", "reason");
        assertThat(events.schema().findType("occurred_at")).isEqualTo(Types.TimestampType.withZone());
    }

    @Test
    void upsertTablesAreKeyedByProgramAndTheirIdAndPartitionedByProgram() {
        Table members = lakehouse.load(Members.DEFINITION);
        assertThat(members.schema().identifierFieldNames()).containsExactlyInAnyOrder("program", "member_id");
        assertThat(partitioning(members)).containsExactly("program:identity");

        Table links = lakehouse.load(IdentityLinks.DEFINITION);
        assertThat(links.schema().identifierFieldNames()).containsExactlyInAnyOrder("program", "link_id");
        assertThat(partitioning(links)).containsExactly("program:identity");
    }

    @Test
    void theAuditIsAppendOnlyAndPartitionedByDayAndProgram() {
        Table events = lakehouse.load(IdentityEvents.DEFINITION);
        assertThat(events.schema().identifierFieldNames()).isEmpty();
        assertThat(partitioning(events)).containsExactly("occurred_at:day", "program:identity");
    }

    @Test
    void allAreFormatVersion2ParquetZstdWithoutATableWideUpsert() {
        for (TableDefinition definition : List.of(Members.DEFINITION, IdentityLinks.DEFINITION,
                IdentityEvents.DEFINITION)) {
            Table table = lakehouse.load(definition);
            assertThat(((BaseTable) table).operations().current().formatVersion()).as(definition.id().toString())
                    .isEqualTo(2);
            assertThat(table.properties()).as(definition.id().toString())
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
