package loyalty.lakehouse.table;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;

/** One Iceberg table: identifier, schema with explicit field ids, partitioning and table properties. */
public record TableDefinition(TableIdentifier id, Schema schema, PartitionSpec spec, Map<String, String> properties) {
}
