package loyalty.stack.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import loyalty.stack.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresClusterTest {
    @TempDir
    Path work;

    @Test
    void startsAPrivateLogicalClusterThatKeepsItsDataAcrossRestarts() throws Exception {
        int port = Ports.free();
        try (PostgresCluster cluster = PostgresCluster.start(work.resolve("pg"), port)) {
            try (Connection c = cluster.connect(PostgresCluster.SHOP_DB); Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SHOW wal_level");
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("logical");
                s.execute("CREATE TABLE kept (id int)");
                s.execute("INSERT INTO kept VALUES (7)");
            }
            cluster.stop();
            assertThat(cluster.isRunning()).isFalse();
        }
        try (PostgresCluster again = PostgresCluster.start(work.resolve("pg"), port);
             Connection c = again.connect(PostgresCluster.SHOP_DB); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT id FROM kept");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(7);
            ResultSet dbs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = 'lakehouse'");
            dbs.next();
            assertThat(dbs.getInt(1)).isEqualTo(1);
        }
    }
}
