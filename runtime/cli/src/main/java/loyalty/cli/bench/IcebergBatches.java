package loyalty.cli.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.table.TableDefinition;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;

/**
 * Rows buffered per table and appended the way a streaming job's checkpoint does: each {@link #commit()} is one
 * Iceberg commit per table that received rows, with one Parquet file per partition the rows fall in. Many small
 * commits therefore leave the many small files and manifests that compaction exists for.
 */
final class IcebergBatches {
    private final Lakehouse lakehouse;
    private final Map<TableDefinition, Buffer> buffers = new LinkedHashMap<>();
    private long commits;
    private long files;
    private long rows;

    IcebergBatches(Lakehouse lakehouse) {
        this.lakehouse = lakehouse;
    }

    private static final class Buffer {
        final Table table;
        final InternalRecordWrapper wrapper;
        final OutputFileFactory fileFactory;
        final List<Record> rows = new ArrayList<>();

        Buffer(Table table, int writerId) {
            this.table = table;
            this.wrapper = new InternalRecordWrapper(table.schema().asStruct());
            this.fileFactory = OutputFileFactory.builderFor(table, writerId, 1).format(FileFormat.PARQUET).build();
        }
    }

    /** A new row of the table, its fields still to be set. */
    GenericRecord row(TableDefinition table) {
        return GenericRecord.create(buffer(table).table.schema());
    }

    void add(TableDefinition table, Record row) {
        buffer(table).rows.add(row);
    }

    /** One commit per table with buffered rows; the buffers are empty afterwards. */
    void commit() throws IOException {
        for (Buffer buffer : buffers.values()) {
            if (!buffer.rows.isEmpty()) {
                append(buffer);
                buffer.rows.clear();
            }
        }
    }

    long commits() {
        return commits;
    }

    long files() {
        return files;
    }

    long rows() {
        return rows;
    }

    private Buffer buffer(TableDefinition table) {
        return buffers.computeIfAbsent(table, t -> new Buffer(lakehouse.load(t), buffers.size() + 1));
    }

    private void append(Buffer buffer) throws IOException {
        Table table = buffer.table;
        Map<PartitionKey, List<Record>> byPartition = new LinkedHashMap<>();
        for (Record row : buffer.rows) {
            PartitionKey key = new PartitionKey(table.spec(), table.schema());
            key.partition(buffer.wrapper.wrap(row)); // the transforms need Iceberg's internal values (micros)
            byPartition.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        AppendFiles append = table.newAppend();
        for (Map.Entry<PartitionKey, List<Record>> partition : byPartition.entrySet()) {
            DataWriter<Record> writer = Parquet.writeData(buffer.fileFactory.newOutputFile(table.spec(),
                            partition.getKey()))
                    .schema(table.schema())
                    .createWriterFunc(GenericParquetWriter::create)
                    .withSpec(table.spec())
                    .withPartition(partition.getKey())
                    .build();
            try (writer) {
                partition.getValue().forEach(writer::write);
            }
            append.appendFile(writer.toDataFile());
            files++;
        }
        append.commit();
        commits++;
        rows += buffer.rows.size();
    }
}
