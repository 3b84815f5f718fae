package loyalty.flink.common;

import java.util.List;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.TableDefinition;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.jdbc.JdbcCatalog;

/** Loading and creating the lakehouse tables a job writes. */
public final class IcebergTables {
    private IcebergTables() {
    }

    /** The table is loaded on the task managers; the catalog is rebuilt there from its (serialisable) properties. */
    public static TableLoader loader(LakehouseConfig lakehouse, TableIdentifier table) {
        CatalogLoader catalog = CatalogLoader.custom(LakehouseConfig.CATALOG_NAME, lakehouse.catalogProperties(),
                new org.apache.hadoop.conf.Configuration(), JdbcCatalog.class.getName());
        return TableLoader.fromCatalog(catalog, table);
    }

    /** Creates the tables that do not exist yet, so a job can start on an empty catalog. */
    public static void ensure(LakehouseConfig lakehouse, List<TableDefinition> tables) {
        try (Lakehouse catalog = Lakehouse.open(lakehouse)) {
            catalog.ensure(tables);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + tables.stream().map(t -> t.id().toString()).toList()
                    + " in catalog " + lakehouse.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }
}
