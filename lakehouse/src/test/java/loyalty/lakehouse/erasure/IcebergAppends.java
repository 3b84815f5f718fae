package loyalty.lakehouse.erasure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/** Writes rows the way the streaming jobs do: Parquet files through the Iceberg API, one commit per call. */
final class IcebergAppends {
    private static int fileCounter = 1;

    private IcebergAppends() {
    }

    /** One commit; one data file per partition the rows fall in. */
    static void append(Table table, List<Record> rows) throws Exception {
        Map<PartitionKey, List<Record>> byPartition = new LinkedHashMap<>();
        InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
        for (Record row : rows) {
            PartitionKey key = new PartitionKey(table.spec(), table.schema());
            key.partition(wrapper.wrap(row)); // transforms need Iceberg's internal values (micros)
            byPartition.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(row);
        }
        OutputFileFactory files = OutputFileFactory.builderFor(table, fileCounter++, 1).format(FileFormat.PARQUET)
                .build();
        AppendFiles append = table.newAppend();
        for (Map.Entry<PartitionKey, List<Record>> partition : byPartition.entrySet()) {
            DataWriter<Record> writer = Parquet.writeData(files.newOutputFile(table.spec(), partition.getKey()))
                    .schema(table.schema())
                    .createWriterFunc(GenericParquetWriter::create)
                    .withSpec(table.spec())
                    .withPartition(partition.getKey())
                    .build();
            try (writer) {
                partition.getValue().forEach(writer::write);
            }
            append.appendFile(writer.toDataFile());
        }
        append.commit();
    }

    static GenericRecord row(org.apache.iceberg.Schema schema, Object... namesAndValues) {
        GenericRecord record = GenericRecord.create(schema);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            record.setField((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return record;
    }
}
