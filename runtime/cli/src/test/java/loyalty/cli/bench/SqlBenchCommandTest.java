package loyalty.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import loyalty.cli.LoyaltyCommand;
import loyalty.contract.event.EventJson;
import loyalty.lakehouse.kpi.KpiView;
import loyalty.lakehouse.kpi.KpiViews;
import loyalty.stack.Ports;
import loyalty.stack.trino.TrinoServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The benchmark end to end on a small program, as a user runs it: every KPI view is timed before and after
 * compaction, then read from its refreshed snapshot table; compaction leaves fewer files, and the views' figures
 * are the generator's own sums.
 *
 * <p>Six days of history keep the run short; too short for redemptions to be approved (points are pending for 30
 * days), so redeemed is 0 here. Compaction of tables with more partitions than one Trino statement writes is
 * covered by the lakehouse's LakehouseMaintenanceTest.
 */
class SqlBenchCommandTest {
    @TempDir
    Path work;

    @Test
    void timesEveryKpiViewBeforeAndAfterCompactionOverAConsistentProgram() throws Exception {
        Assumptions.assumeTrue(TrinoServer.findJava().isPresent(), TrinoServer.missingJavaMessage());
        Path figures = work.resolve("figures/sql.json");

        int exit = new CommandLine(new LoyaltyCommand()).execute("bench", "sql", "--work", work.toString(),
                "--entries", "20000", "--days", "6", "--commits", "10", "--runs-before", "1", "--runs", "2",
                "--seed", "7",
                "--pg-port", String.valueOf(Ports.free()), "--trino-port", String.valueOf(Ports.free()),
                "--out", figures.toString());

        assertThat(exit).as("0: aim met, 3: aim missed; 2 would be a failed view or wrong figures").isIn(0, 3);
        JsonNode report = EventJson.mapper().readTree(figures.toFile());
        List<String> timed = new ArrayList<>();
        report.get("kpi_views").forEach(view -> {
            timed.add(view.get("name").asText());
            for (String phase : new String[] {"before", "after"}) {
                JsonNode timing = view.get(phase);
                assertThat(timing.hasNonNull("error")).as(view.get("name") + " " + phase + ": " + timing).isFalse();
                assertThat(timing.get("runs_ms")).hasSize(phase.equals("before") ? 1 : 2);
                assertThat(timing.get("first_ms").asLong()).isPositive();
                assertThat(timing.get("median_ms").asLong()).isPositive();
            }
        });
        assertThat(timed).containsExactlyElementsOf(KpiViews.definitions().stream().map(KpiView::name).toList());
        // after compaction every view's snapshot table was refreshed, with the view's rows, and read back
        List<String> refreshed = new ArrayList<>();
        for (JsonNode view : report.get("kpi_refresh").get("views")) {
            String name = view.get("view").asText();
            refreshed.add(name);
            assertThat(view.hasNonNull("error")).as(view.toString()).isFalse();
            if (!name.equals("member_activity")) { // timed as an aggregate, not its rows
                assertThat(view.get("rows").asLong()).as(view.toString())
                        .isEqualTo(element(report, "kpi_views", "name", name).get("rows").asLong());
            }
        }
        assertThat(refreshed).containsExactlyElementsOf(timed);
        report.get("kpi_views").forEach(view -> {
            JsonNode snapshot = view.get("snapshot");
            assertThat(snapshot.hasNonNull("error")).as(view.get("name") + " snapshot: " + snapshot).isFalse();
            assertThat(snapshot.get("runs_ms")).hasSize(2);
        });
        assertThat(report.get("member_lookup")).hasSize(2).allSatisfy(lookup -> {
            assertThat(lookup.get("rows").asLong()).as("balance row + latest entries").isGreaterThan(1);
            assertThat(lookup.get("after").hasNonNull("error")).isFalse();
        });

        JsonNode ledger = element(report, "tables", "table", "ledger.points_ledger");
        assertThat(ledger.get("data_files_before").asLong()).isGreaterThan(50);
        assertThat(ledger.get("data_files_after").asLong()).isLessThan(ledger.get("data_files_before").asLong());
        long before = 0;
        long after = 0;
        for (JsonNode t : report.get("tables")) {
            assertThat(t.hasNonNull("error")).as(t.toString()).isFalse();
            before += t.get("data_files_before").asLong();
            after += t.get("data_files_after").asLong();
        }
        assertThat(after).isLessThan(before);

        JsonNode generated = report.get("generated");
        JsonNode kpi = report.get("kpi_figures");
        assertThat(generated.get("ledger_entries").asLong()).isBetween(20_000L, 20_010L);
        assertThat(generated.get("members").asLong()).isEqualTo(500);
        assertThat(kpi.get("members").asLong()).isEqualTo(500);
        assertThat(kpi.get("points_issued").asLong()).isEqualTo(generated.get("earn_points").asLong()
                + generated.get("bonus_points").asLong() + generated.get("clawback_points").asLong()).isPositive();
        assertThat(kpi.get("points_redeemed").asLong()).isEqualTo(-generated.get("redeem_points").asLong());
        assertThat(kpi.get("points_expired").asLong()).isEqualTo(-generated.get("expire_points").asLong());
        assertThat(kpi.get("liability_points").asLong()).isEqualTo(generated.get("points_outstanding").asLong());
        assertThat(kpi.get("orders").asLong()).isEqualTo(generated.get("orders").asLong());
        assertThat(report.get("kpi_match_generated").asBoolean()).isTrue();
        assertThat(report.get("machine").get("cores").asInt()).isPositive();
    }

    /** The element of the report's array {@code array} whose {@code key} is {@code value}. */
    private static JsonNode element(JsonNode report, String array, String key, String value) {
        for (JsonNode e : report.get(array)) {
            if (e.get(key).asText().equals(value)) {
                return e;
            }
        }
        throw new AssertionError("no " + key + " " + value + " in " + array + ": " + report.get(array));
    }
}
