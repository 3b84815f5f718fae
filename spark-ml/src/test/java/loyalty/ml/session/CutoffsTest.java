package loyalty.ml.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CutoffsTest {
    @Test
    void aYearOfHistoryPutsTheTrainCutoffAFullLabelWindowBeforeTheHoldout() {
        Cutoffs.Pair pair = Cutoffs.defaults(Instant.parse("2025-01-01T08:00:00Z"),
                Instant.parse("2025-12-31T17:30:00Z"));
        assertThat(pair.holdout()).isEqualTo("2025-10-02T00:00:00Z");
        assertThat(pair.train()).isEqualTo("2025-07-04T00:00:00Z");
    }

    @Test
    void aDemosHalfYearSplitsTheHistoryBeforeTheHoldoutInTwo() {
        // 180 days: the holdout 90 days before the end, the train cutoff halfway between the start and it
        Cutoffs.Pair pair = Cutoffs.defaults(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-06-29T23:00:00Z"));
        assertThat(pair.holdout()).isEqualTo("2026-03-31T00:00:00Z");
        assertThat(pair.train()).isEqualTo("2026-02-14T00:00:00Z");
    }

    @Test
    void lessThanALabelWindowAndAMonthOfHistoryIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Cutoffs.defaults(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-03-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too short to train on");
    }
}
