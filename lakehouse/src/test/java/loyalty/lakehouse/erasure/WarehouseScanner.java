package loyalty.lakehouse.erasure;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Reads every file under a warehouse folder the way each format stores text, so a search for a value proves
 * something: Parquet data files are zstd-compressed, so their rows are decoded (every column of every record) and
 * their footer statistics read, and the raw bytes (footer and page indexes, which are not compressed) searched too;
 * Avro manifests and manifest lists are deflated, so every record is decoded, binary lower/upper bounds as UTF-8, and
 * the file's metadata (schema, partition spec) read; JSON metadata is text; anything else is searched as bytes.
 * Everything is lower-cased, so searches are case-insensitive.
 */
final class WarehouseScanner {
    private WarehouseScanner() {
    }

    /** file → its readable content, lower-cased */
    static Map<Path, String> scan(Path warehouse) throws IOException {
        Map<Path, String> texts = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(warehouse)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                texts.put(file, read(file).toLowerCase(Locale.ROOT));
            }
        }
        return texts;
    }

    static List<Path> filesContaining(Map<Path, String> texts, String needle) {
        String lower = needle.toLowerCase(Locale.ROOT);
        return texts.entrySet().stream().filter(e -> e.getValue().contains(lower)).map(Map.Entry::getKey).toList();
    }

    private static String read(Path file) throws IOException {
        String name = file.getFileName().toString();
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        if (name.endsWith(".parquet")) {
            return parquet(file) + "\n" + bytes;
        }
        if (name.endsWith(".avro")) {
            return avro(file);
        }
        if (name.endsWith(".json")) {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        return bytes + "\n" + new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static String parquet(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            out.append(reader.getFooter().getFileMetaData().getKeyValueMetaData()).append('\n');
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData column : block.getColumns()) {
                    Statistics<?> stats = column.getStatistics();
                    if (stats != null && stats.hasNonNullValue()) {
                        out.append(column.getPath()).append(" min=").append(stats.minAsString()).append(" max=")
                                .append(stats.maxAsString()).append('\n');
                    }
                }
            }
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(rowGroup, new GroupRecordConverter(schema));
                for (long i = 0; i < rowGroup.getRowCount(); i++) {
                    out.append(records.read()).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String avro(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            for (String key : reader.getMetaKeys()) {
                out.append(key).append('=').append(new String(reader.getMeta(key), StandardCharsets.UTF_8))
                        .append('\n');
            }
            for (GenericRecord record : reader) {
                append(out, record);
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value instanceof IndexedRecord record) {
            for (int i = 0; i < record.getSchema().getFields().size(); i++) {
                out.append(record.getSchema().getFields().get(i).name()).append('=');
                append(out, record.get(i));
                out.append(' ');
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                append(out, k);
                out.append(':');
                append(out, v);
                out.append(' ');
            });
        } else if (value instanceof Collection<?> values) {
            values.forEach(v -> {
                append(out, v);
                out.append(' ');
            });
        } else if (value instanceof ByteBuffer buffer) {
            // Manifests' lower/upper bounds: a string column's bound is its UTF-8 bytes (truncated to 16 chars).
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            out.append(new String(bytes, StandardCharsets.UTF_8));
        } else if (value instanceof GenericFixed fixed) {
            out.append(new String(fixed.bytes(), StandardCharsets.UTF_8));
        } else {
            out.append(value);
        }
    }
}
