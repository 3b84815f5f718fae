package loyalty.lakehouse.catalog;

import java.util.List;
import loyalty.lakehouse.table.TableDefinition;
import loyalty.lakehouse.table.TableDefinitions;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the Iceberg JDBC catalog and creates the platform's tables from their one definition. */
public final class Lakehouse implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lakehouse.class);
    private final JdbcCatalog catalog;

    private Lakehouse(JdbcCatalog catalog) {
        this.catalog = catalog;
    }

    /** Opening also creates the catalog's own tables in PostgreSQL if they are missing (Trino does not). */
    public static Lakehouse open(LakehouseConfig config) {
        JdbcCatalog catalog = new JdbcCatalog();
        catalog.setConf(new Configuration());
        catalog.initialize(LakehouseConfig.CATALOG_NAME, config.catalogProperties());
        return new Lakehouse(catalog);
    }

    public JdbcCatalog catalog() {
        return catalog;
    }

    /**
     * Creates every missing namespace and table, and brings existing tables to their current definition: missing
     * columns added, partitioning changed ({@link TableEvolution}). A table that matches is left untouched.
     */
    public void ensureTables() {
        ensure(TableDefinitions.all());
    }

    public void ensure(List<TableDefinition> definitions) {
        for (TableDefinition definition : definitions) {
            Namespace namespace = definition.id().namespace();
            if (!((SupportsNamespaces) catalog).namespaceExists(namespace)) {
                try {
                    catalog.createNamespace(namespace);
                } catch (AlreadyExistsException raced) {
                    // another process created it first: fine
                }
            }
            if (!catalog.tableExists(definition.id())) {
                try {
                    catalog.createTable(definition.id(), definition.schema(), definition.spec(),
                            definition.properties());
                    continue;
                } catch (AlreadyExistsException raced) {
                    // another process created it first: evolve it like any existing table
                }
            }
            TableEvolution.Evolved evolved = TableEvolution.evolve(catalog.loadTable(definition.id()), definition);
            if (evolved.changed()) {
                LOG.info("event=table_evolved table={} added_columns={} partitioning={}->{}", definition.id(),
                        evolved.addedColumns(), evolved.specBefore(), evolved.specAfter());
            }
        }
    }

    /**
     * Drops (with their files) and creates again tables that hold derived data only, such as a replay's output: a
     * new run must not see the rows of the last one.
     */
    public void recreate(List<TableDefinition> definitions) {
        for (TableDefinition definition : definitions) {
            if (catalog.tableExists(definition.id())) {
                catalog.dropTable(definition.id(), true);
            }
        }
        ensure(definitions);
    }

    public Table load(TableDefinition definition) {
        return catalog.loadTable(definition.id());
    }

    @Override
    public void close() throws Exception {
        catalog.close();
    }
}
