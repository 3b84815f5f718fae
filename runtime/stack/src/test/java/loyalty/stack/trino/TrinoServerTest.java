package loyalty.stack.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import loyalty.stack.Ports;
import loyalty.stack.StackException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Trino child process, without tables: the launcher, the SQL client and what they report. The Iceberg side
 * (catalog in PostgreSQL, rows written by Trino and by Iceberg) is tested in the lakehouse module.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrinoServerTest {
    // Trino touches the catalog's database only when a query reads the catalog, so none runs here.
    private static final Map<String, String> CATALOG_ENV = TrinoCatalogEnv.localWarehouse(
            "jdbc:postgresql://127.0.0.1:1/lakehouse", "loyalty", "loyalty", workDir().resolve("warehouse"));

    private static TrinoServer trino;

    @BeforeAll
    static void startTrino() {
        Assumptions.assumeTrue(TrinoServer.findJava().isPresent(), TrinoJava.missingMessage());
        trino = TrinoServer.start(workDir(), Ports.free(), CATALOG_ENV);
        System.out.println("trino_start_millis=" + trino.startTime().toMillis());
    }

    @AfterAll
    static void stopTrino() {
        if (trino != null) {
            trino.close();
        }
    }

    @Test
    void answersQueriesWithPlainJavaValuesAsTheGivenUser() throws Exception {
        QueryResult result = new TrinoSql(trino.jdbcUrl(), "analyst").query("""
                SELECT 7 AS points, DECIMAL '120.50' AS net_amount, 'acme' AS program,
                       CAST(NULL AS varchar) AS missing, TIMESTAMP '2026-01-05 12:00:00 UTC' AS occurred_at,
                       ARRAY['shoes', 'bags'] AS categories, current_user AS who""");

        assertThat(result.columns())
                .containsExactly("points", "net_amount", "program", "missing", "occurred_at", "categories", "who");
        assertThat(result.rows()).hasSize(1);
        assertThat(result.value(0, "points")).isEqualTo(7);
        assertThat(result.value(0, "net_amount")).isEqualTo(new BigDecimal("120.50"));
        assertThat(result.value(0, "missing")).isNull();
        assertThat(result.value(0, "occurred_at")).isEqualTo("2026-01-05 12:00:00 UTC");
        assertThat(result.value(0, "categories")).isEqualTo(List.of("shoes", "bags"));
        assertThat(result.value(0, "who")).isEqualTo("analyst");
        assertThat(TableRenderer.render(result)).contains("\n      7 |     120.50 | acme    | NULL ").endsWith("(1 row)\n");
    }

    @Test
    void isOneNodeThatCoordinatesAndServesTheIcebergCatalog() throws Exception {
        TrinoSql sql = new TrinoSql(trino.jdbcUrl(), "loyalty");

        assertThat(sql.query("SELECT count(*) FROM system.runtime.nodes WHERE coordinator").rows())
                .containsExactly(List.of(1L));
        assertThat(sql.query("SHOW CATALOGS").rows()).contains(List.of("iceberg"));
        assertThat(trino.jdbcUrl()).isEqualTo("jdbc:trino://127.0.0.1:" + trino.port() + "/iceberg");
    }

    @Test
    void aBadQueryFailsWithTrinosOwnMessage() {
        assertThatThrownBy(() -> new TrinoSql(trino.jdbcUrl(), "loyalty").query("SELECT no_such_column"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Column 'no_such_column' cannot be resolved");
    }

    @Test
    void aTakenPortIsOneClearSentence() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> TrinoServer.start(workDir(), taken.getLocalPort(), CATALOG_ENV))
                    .isInstanceOf(StackException.class)
                    .hasMessage("Trino cannot listen on port " + taken.getLocalPort() + ": it is already taken;"
                            + " stop what uses it (ss -ltnp 'sport = :" + taken.getLocalPort() + "') or pick"
                            + " another port with --trino-port.");
        }
    }

    @Test
    void aMissingCatalogVariableIsNamedBeforeAnythingStarts() {
        assertThatThrownBy(() -> TrinoServer.start(workDir(), Ports.free(), Map.of()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining(TrinoCatalogEnv.JDBC_URL)
                .hasMessageContaining(TrinoCatalogEnv.S3_SECRET_KEY);
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it stops the shared server
    void closingStopsTheProcessAndFreesThePort() {
        assertThat(trino.isRunning()).isTrue();

        trino.close();

        assertThat(trino.isRunning()).isFalse();
        assertThat(Ports.isFree(trino.port())).isTrue();
    }

    private static Path workDir() {
        // Under target/: the 570 MB unpacked server is kept between runs of this class.
        return Path.of(System.getProperty("loyalty.work", "target/work")).toAbsolutePath().resolve("trino");
    }
}
