package loyalty.lakehouse.table;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/** One Iceberg table: identifier, schema with explicit field ids, partitioning and table properties. */
public record TableDefinition(TableIdentifier id, Schema schema, PartitionSpec spec, Map<String, String> properties) {

    /** The same table in another namespace, e.g. {@code replay.points_ledger} beside {@code ledger.points_ledger}. */
    public TableDefinition inNamespace(String namespace) {
        return new TableDefinition(TableIdentifier.of(Namespace.of(namespace), id.name()), schema, spec, properties);
    }
}
