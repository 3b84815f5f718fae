package loyalty.generator.operational;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import loyalty.contract.event.EventJson;
import loyalty.generator.GeneratedProgram;
import loyalty.generator.Generator;
import loyalty.generator.GeneratorConfig;
import loyalty.generator.truth.SourceCounts;
import loyalty.stack.Ports;
import loyalty.stack.postgres.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operational tables in a real private PostgreSQL hold exactly what the manifest's CDC counts promise. */
class OperationalWriterTest {
    @TempDir
    static Path work;
    private static PostgresCluster cluster;
    private static GeneratedProgram program;
    private static OperationalWriter.Summary summary;
    private static long writeMillis;

    @BeforeAll
    static void writeTheDefaultProgram() throws SQLException {
        cluster = PostgresCluster.start(work.resolve("pg"), Ports.free());
        program = Generator.generate(GeneratorConfig.defaults(42));
        long started = System.nanoTime();
        try (Connection c = cluster.connect(PostgresCluster.SHOP_DB)) {
            summary = OperationalWriter.write(c, program.operationalChanges());
        }
        writeMillis = (System.nanoTime() - started) / 1_000_000;
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyChangeIsWrittenAndTheRowCountsAreTheManifests() throws SQLException {
        SourceCounts cdc = program.manifest().source("cdc");
        assertThat(summary.changes()).isEqualTo(program.operationalChanges().size()).isEqualTo((int) cdc.lines());
        for (Map.Entry<String, Long> table : cdc.rows().entrySet()) {
            assertThat(count("SELECT count(*) FROM " + table.getKey())).as(table.getKey()).isEqualTo(table.getValue());
        }
        assertThat(writeMillis).isLessThan(60_000);
    }

    @Test
    void theCdcEventCountsOfTheManifestFollowFromTheRowsBySql() throws SQLException {
        Map<String, Long> expected = program.manifest().source("cdc").byType();
        assertThat(count("SELECT count(*) FROM orders WHERE status = 'COMPLETED'"))
                .isEqualTo(expected.get("order.completed"));
        assertThat(count("SELECT count(*) FROM customers WHERE loyalty_enrolled"))
                .isEqualTo(expected.get("member.enrolled"));
        assertThat(count("SELECT count(*) FROM returns")).isEqualTo(expected.get("order.returned"));
        assertThat(count("SELECT count(*) FROM loyalty_rule_sets")).isEqualTo(expected.get("rules.published"));
        long insertedNotEnrolled = program.operationalChanges().stream()
                .filter(c -> c.kind() == OperationalChange.Kind.INSERT && c.after() instanceof CustomerRow r
                        && !r.loyaltyEnrolled())
                .count();
        long mappedUpdates = program.operationalChanges().stream()
                .filter(c -> c.kind() == OperationalChange.Kind.UPDATE && c.after() instanceof CustomerRow a
                        && ((CustomerRow) c.before()).loyaltyEnrolled() == a.loyaltyEnrolled()
                        && ((CustomerRow) c.before()).differsInMappedColumns(a))
                .count();
        assertThat(expected.get("profile.updated")).isEqualTo(insertedNotEnrolled + mappedUpdates);
    }

    @Test
    void rowsKeepExactMoneyUtcTimesReferralsAndTheRuleSetJson() throws SQLException {
        BigDecimal planned = program.operationalChanges().stream()
                .filter(c -> c.kind() == OperationalChange.Kind.INSERT && c.after() instanceof OrderRow)
                .map(c -> ((OrderRow) c.after()).netAmount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        try (Connection c = cluster.connect(PostgresCluster.SHOP_DB); Statement s = c.createStatement()) {
            ResultSet sum = s.executeQuery("SELECT sum(net_amount), min(created_at), max(updated_at) FROM orders");
            sum.next();
            assertThat(sum.getBigDecimal(1)).isEqualByComparingTo(planned);
            Instant first = sum.getObject(2, java.time.OffsetDateTime.class).toInstant();
            assertThat(first).isAfterOrEqualTo(program.config().periodStart());
            assertThat(sum.getObject(3, java.time.OffsetDateTime.class).toInstant())
                    .isBefore(program.config().periodEnd());
            ResultSet orphans = s.executeQuery("SELECT count(*) FROM customers c WHERE referred_by IS NOT NULL"
                    + " AND NOT EXISTS (SELECT 1 FROM customers r WHERE r.crm_id = c.referred_by)");
            orphans.next();
            assertThat(orphans.getLong(1)).isZero();
            assertThat(count("SELECT count(*) FROM customers WHERE referred_by IS NOT NULL")).isPositive();
            ResultSet linked = s.executeQuery("SELECT count(*) FROM returns r JOIN orders o USING (order_id)"
                    + " WHERE r.refund_amount > o.net_amount OR o.status <> 'COMPLETED' OR r.returned_at < o.completed_at");
            linked.next();
            assertThat(linked.getLong(1)).isZero();
            ResultSet rules = s.executeQuery("SELECT body::text FROM loyalty_rule_sets WHERE version = '1'");
            rules.next();
            JsonNode body = EventJson.mapper().readTree(rules.getString(1));
            assertThat(body.get("pending_days").asInt()).isEqualTo(14);
            assertThat(body.get("program").asText()).isEqualTo("acme");
            assertThat(body.get("tiers")).hasSize(4);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = cluster.connect(PostgresCluster.SHOP_DB); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
