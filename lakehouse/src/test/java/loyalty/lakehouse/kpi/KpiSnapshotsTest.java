package loyalty.lakehouse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class KpiSnapshotsTest {
    private static KpiView view(String name) {
        return KpiViews.definitions().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aViewReadsTheSnapshotsOfTheViewsAlreadyRefreshedAndTheLiveViewOfTheOthers() {
        String statement = KpiSnapshots.statement(view("program_summary"), Set.of("as_of", "active_member_rate"));

        assertThat(statement).startsWith("CREATE OR REPLACE TABLE iceberg.kpi_snapshot.program_summary COMMENT '")
                .contains("FROM iceberg.kpi_snapshot.as_of a")
                .contains("JOIN iceberg.kpi_snapshot.active_member_rate act")
                .contains("JOIN iceberg.kpi.repeat_purchase_rate rep")
                .doesNotContain("iceberg.kpi.as_of", "iceberg.kpi.active_member_rate ");
    }

    @Test
    void aNameThatOnlyStartsLikeARefreshedViewIsLeftAlone() {
        assertThat(KpiSnapshots.readingSnapshots("FROM iceberg.kpi.as_of_x JOIN iceberg.kpi.as_of y",
                Set.of("as_of"))).isEqualTo("FROM iceberg.kpi.as_of_x JOIN iceberg.kpi_snapshot.as_of y");
    }

    @Test
    void theTablesCommentSaysWhichViewItKeeps() {
        assertThat(KpiSnapshots.statement(view("breakage"), Set.of()))
                .contains("COMMENT 'Snapshot of iceberg.kpi.breakage: ")
                .contains("FROM iceberg.ledger.points_ledger");
    }
}
