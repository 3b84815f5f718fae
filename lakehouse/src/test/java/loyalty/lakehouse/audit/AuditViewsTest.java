package loyalty.lakehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import loyalty.lakehouse.kpi.KpiView;
import org.junit.jupiter.api.Test;

/** The audit SQL files as AuditViews reads them, without Trino. */
class AuditViewsTest {
    @Test
    void everySqlFileInTheFolderIsInstalledInNumberedOrder() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources" + AuditViews.FOLDER))) {
            assertThat(AuditViews.FILES).containsExactlyElementsOf(files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".sql")).sorted().toList());
        }
    }

    @Test
    void eachFileSaysWhatItAuditsAndOnlyTheViewsOverAuditTablesWaitForThem() {
        for (KpiView view : AuditViews.definitions()) {
            assertThat(view.description()).as(view.file()).startsWith("audit." + view.name() + ": ");
            assertThat(view.query()).as(view.file()).contains("-- who:", "-- when:", "-- why:").doesNotEndWith(";");
        }
        assertThat(AuditViews.definitions()).filteredOn(v -> !v.requiredTables().isEmpty())
                .extracting(KpiView::name, KpiView::requiredTables)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rule_sets",
                                List.of("iceberg.audit.rule_set_publications")),
                        org.assertj.core.groups.Tuple.tuple("erasures_log", List.of("iceberg.audit.erasures")));
    }
}
