package loyalty.lakehouse.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The KPI SQL files as KpiViews reads them, without Trino. */
class KpiViewsTest {
    private static final Pattern KPI_REFERENCE = Pattern.compile("iceberg\\.kpi\\.([a-z0-9_]+)");

    @Test
    void everySqlFileInTheFolderIsInstalledInNumberedOrder() throws IOException {
        Path folder = Path.of("src/main/resources" + KpiViews.FOLDER);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(KpiViews.FILES).containsExactlyElementsOf(files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".sql")).sorted().toList());
        }
    }

    @Test
    void aViewOnlyUsesViewsInstalledBeforeIt() {
        List<String> installed = new ArrayList<>();
        for (KpiView view : KpiViews.definitions()) {
            Matcher used = KPI_REFERENCE.matcher(view.query());
            while (used.find()) {
                assertThat(installed).as(view.file() + " uses kpi." + used.group(1)).contains(used.group(1));
            }
            installed.add(view.name());
        }
        assertThat(installed).contains("as_of", "active_member_rate", "nudge_lift", "program_summary");
    }

    @Test
    void eachFileDefinesItsViewInWordsAndOnlyTheNudgeLiftNeedsAnOptionalTable() {
        for (KpiView view : KpiViews.definitions()) {
            assertThat(view.description()).as(view.file()).startsWith("kpi." + view.name() + ": ");
            assertThat(view.query()).as(view.file()).doesNotEndWith(";"); // one statement, appended to CREATE VIEW
        }
        assertThat(KpiViews.definitions()).filteredOn(v -> !v.requiredTables().isEmpty())
                .extracting(KpiView::name, KpiView::requiredTables)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("nudge_lift", List.of("iceberg.ledger.nudges")));
    }

    @Test
    void theStatementReplacesTheViewAndQuotesItsComment() {
        KpiView view = KpiView.parse("07_example.sql", """
                -- kpi.example: the member's points.
                -- More words.
                --
                -- Details that stay in the SQL only.
                SELECT 1 AS one""");
        assertThat(view.name()).isEqualTo("example");
        assertThat(view.description()).isEqualTo("kpi.example: the member's points. More words.");
        assertThat(view.createOrReplace("iceberg.kpi")).startsWith(
                "CREATE OR REPLACE VIEW iceberg.kpi.example COMMENT 'kpi.example: the member''s points. More words.' AS\n");
        assertThatThrownBy(() -> KpiView.parse("example.sql", "-- x\nSELECT 1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KpiView.parse("01_bare.sql", "SELECT 1"))
                .hasMessageContaining("does not start with a comment");
    }
}
