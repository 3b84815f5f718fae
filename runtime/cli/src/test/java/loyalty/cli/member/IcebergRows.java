package loyalty.cli.member;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;

/** Test rows written with the Iceberg Java API: one Parquet file per partition, all in one append commit. */
final class IcebergRows {
    private IcebergRows() {
    }

    static void append(Table table, List<Record> records) {
        // The partition transforms need Iceberg's internal values (micros, days), not OffsetDateTime.
        InternalRecordWrapper internal = new InternalRecordWrapper(table.schema().asStruct());
        Map<PartitionKey, List<Record>> byPartition = new LinkedHashMap<>();
        for (Record record : records) {
            PartitionKey key = new PartitionKey(table.spec(), table.schema());
            key.partition(internal.wrap(record));
            byPartition.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
        }
        OutputFileFactory files = OutputFileFactory.builderFor(table, 1, 1).format(FileFormat.PARQUET).build();
        AppendFiles append = table.newAppend();
        byPartition.forEach((partition, rows) -> {
            // The Parquet builder directly: Iceberg's format registry would also want iceberg-orc on the classpath.
            DataWriter<Record> writer;
            try {
                writer = Parquet.writeData(files.newOutputFile(table.spec(), partition))
                        .schema(table.schema())
                        .createWriterFunc(GenericParquetWriter::create)
                        .withSpec(table.spec())
                        .withPartition(partition)
                        .build();
                try (writer) {
                    rows.forEach(writer::write);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            append.appendFile(writer.toDataFile());
        });
        append.commit();
    }
}
