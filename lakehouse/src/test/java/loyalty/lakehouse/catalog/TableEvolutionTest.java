package loyalty.lakehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import loyalty.lakehouse.table.PointsLedger;
import loyalty.stack.Ports;
import loyalty.stack.postgres.PostgresCluster;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade over a deployment whose ledger was created by an older release: partitioned by day (as before the
 * month partitioning) and without a column the definition has since gained. Opening the lakehouse brings the table
 * to the definition, keeps the row written before, and leaves a table that matches alone.
 */
class TableEvolutionTest {
    @TempDir
    Path work;

    /** The ledger as an older release defined it: day partitions, no {@code note}. */
    private static final Schema OLD_SCHEMA = TypeUtil.select(PointsLedger.SCHEMA,
            PointsLedger.SCHEMA.columns().stream().map(Types.NestedField::fieldId)
                    .filter(id -> id != PointsLedger.SCHEMA.findField("note").fieldId())
                    .collect(Collectors.toSet()));
    private static final PartitionSpec OLD_SPEC = PartitionSpec.builderFor(OLD_SCHEMA)
            .day("occurred_at").bucket("member_id", 16).build();

    @Test
    void anOlderLedgerGainsTheNewColumnAndMonthPartitionsAndKeepsItsRows() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start(work.resolve("pg"), Ports.free())) {
            LakehouseConfig config = new LakehouseConfig(pg.jdbcUrl(PostgresCluster.LAKEHOUSE_DB),
                    PostgresCluster.USER, PostgresCluster.PASSWORD, work.resolve("warehouse").toUri().toString());
            try (Lakehouse lakehouse = Lakehouse.open(config)) {
                lakehouse.catalog().createNamespace(PointsLedger.ID.namespace());
                Table old = lakehouse.catalog().createTable(PointsLedger.ID, OLD_SCHEMA, OLD_SPEC,
                        PointsLedger.DEFINITION.properties());
                appendOneEntry(old);

                lakehouse.ensureTables();

                Table table = lakehouse.load(PointsLedger.DEFINITION);
                assertThat(table.schema().findField("note")).as("the column the definition gained").isNotNull();
                assertThat(table.schema().findField("note").isOptional()).isTrue();
                assertThat(table.spec().fields()).extracting(f -> f.transform().toString() + "("
                        + table.schema().findColumnName(f.sourceId()) + ")")
                        // the kept bucket field stays first: evolution adds, it does not reorder
                        .containsExactlyInAnyOrder("month(occurred_at)", "bucket[16](member_id)");
                assertThat(table.specs()).as("the old spec stays for the files written with it").hasSize(2);
                List<FileScanTask> files = files(table);
                assertThat(files).as("the entry written before is still in the table, in its old layout").hasSize(1);
                assertThat(files.get(0).file().recordCount()).isEqualTo(1);
                assertThat(files.get(0).spec().specId()).isNotEqualTo(table.spec().specId());

                String metadata = ((HasTableOperations) table).operations().current().metadataFileLocation();
                lakehouse.ensureTables();
                table.refresh();
                assertThat(((HasTableOperations) table).operations().current().metadataFileLocation())
                        .as("a table that matches its definition is not touched").isEqualTo(metadata);
            }
        }
    }

    @Test
    void aTableMatchingItsDefinitionHasNothingMissing() {
        assertThat(TableEvolution.missingColumns(PointsLedger.SCHEMA, PointsLedger.SCHEMA)).isEmpty();
        assertThat(TableEvolution.missingColumns(OLD_SCHEMA, PointsLedger.SCHEMA)).containsExactly("note");
    }

    private static void appendOneEntry(Table table) throws Exception {
        GenericRecord entry = GenericRecord.create(table.schema());
        entry.setField("entry_id", "e-1");
        entry.setField("program", "acme");
        entry.setField("member_id", "M-1");
        entry.setField("type", "EARN");
        entry.setField("points", 10L);
        entry.setField("occurred_at", OffsetDateTime.of(2026, 1, 5, 10, 0, 0, 0, ZoneOffset.UTC));
        entry.setField("source_event_id", "o-1");
        PartitionKey key = new PartitionKey(table.spec(), table.schema());
        key.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(entry));
        DataWriter<Record> writer = Parquet.writeData(table.io().newOutputFile(
                        table.locationProvider().newDataLocation(table.spec(), key, "e-1.parquet")))
                .schema(table.schema()).withSpec(table.spec()).withPartition(key)
                .createWriterFunc(GenericParquetWriter::create).overwrite().build();
        try (writer) {
            writer.write(entry);
        }
        DataFile file = writer.toDataFile();
        table.newAppend().appendFile(file).commit();
    }

    private static List<FileScanTask> files(Table table) throws Exception {
        List<FileScanTask> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            tasks.forEach(files::add);
        }
        return files;
    }
}
