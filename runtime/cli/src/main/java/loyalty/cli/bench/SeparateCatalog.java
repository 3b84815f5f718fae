package loyalty.cli.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import loyalty.cli.stack.LocalStack;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.stack.StackException;
import loyalty.stack.postgres.PostgresCluster;

/**
 * A second, empty Iceberg catalog in the stack (its own database and warehouse folder), so that another run of a
 * job writes the same rows to tables of its own: neither its row counts nor its commit costs depend on an earlier
 * run's rows.
 */
final class SeparateCatalog {
    private SeparateCatalog() {
    }

    /** @param name a new database name, also the warehouse folder's suffix */
    static LakehouseConfig create(LocalStack local, String name) {
        try (Connection c = local.postgres().connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new StackException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        LakehouseConfig config = new LakehouseConfig(local.postgres().jdbcUrl(name), PostgresCluster.USER,
                PostgresCluster.PASSWORD, local.workspace().root().resolve("warehouse-" + name).toUri().toString());
        try (Lakehouse catalog = Lakehouse.open(config)) {
            catalog.ensureTables();
        } catch (Exception e) {
            throw new StackException("cannot create the Iceberg tables of catalog " + name + ": " + e.getMessage(), e);
        }
        return config;
    }
}
