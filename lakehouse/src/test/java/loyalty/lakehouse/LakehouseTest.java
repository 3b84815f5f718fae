package loyalty.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.lakehouse.table.RawEvents;
import loyalty.stack.Ports;
import loyalty.stack.postgres.PostgresCluster;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakehouseTest {
    @TempDir
    Path work;

    @Test
    void createsRawEventsWithFixedFieldIdsAndDayProgramPartitioning() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start(work.resolve("pg"), Ports.free())) {
            LakehouseConfig config = new LakehouseConfig(pg.jdbcUrl(PostgresCluster.LAKEHOUSE_DB),
                    PostgresCluster.USER, PostgresCluster.PASSWORD, work.resolve("warehouse").toUri().toString());
            try (Lakehouse lakehouse = Lakehouse.open(config)) {
                lakehouse.ensureTables();
                lakehouse.ensureTables(); // idempotent
            }
            try (Lakehouse reopened = Lakehouse.open(config)) {
                Table table = reopened.load(RawEvents.DEFINITION);
                assertThat(table.schema().findField("event_id").fieldId()).isEqualTo(1);
                assertThat(table.schema().findField("identifiers.crm_id").fieldId()).isEqualTo(15);
                assertThat(table.schema().asStruct()).isEqualTo(RawEvents.SCHEMA.asStruct());
                assertThat(table.spec().fields()).extracting(f -> f.transform().toString())
                        .containsExactly("day", "identity");
                assertThat(table.location()).contains("warehouse");
            }
        }
    }
}
