package loyalty.ml.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import loyalty.ml.models.HoldoutMetrics.Scored;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class HoldoutMetricsTest {
    private static final Offset<Double> EXACT = Offset.offset(1e-12);

    @Test
    void aPerfectRankingHasAreaOneAndAllPositivesInTheTopDeciles() {
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            scored.add(new Scored(i / 100.0, i >= 80 ? 1 : 0));
        }
        HoldoutMetrics m = HoldoutMetrics.of(scored);
        assertThat(m.aucRoc()).isCloseTo(1.0, EXACT);
        assertThat(m.aucPr()).isCloseTo(1.0, EXACT);
        assertThat(m.positiveRate()).isCloseTo(0.2, EXACT);
        assertThat(m.deciles()).hasSize(10);
        assertThat(m.deciles().get(0).lift()).isCloseTo(5.0, EXACT);
        assertThat(m.deciles().get(1).observedRate()).isCloseTo(1.0, EXACT);
        assertThat(m.deciles().get(2).observedRate()).isZero();
        assertThat(m.deciles().get(0).meanScore()).isCloseTo(0.945, EXACT);
    }

    @Test
    void tiesCountHalfAndAnUninformativeScoreHasAreaOneHalf() {
        List<Scored> scored = List.of(new Scored(0.5, 1), new Scored(0.5, 0), new Scored(0.5, 1),
                new Scored(0.5, 0));
        HoldoutMetrics m = HoldoutMetrics.of(scored);
        assertThat(m.aucRoc()).isCloseTo(0.5, EXACT);
        // one threshold: precision 0.5 at recall 1
        assertThat(m.aucPr()).isCloseTo(0.5, EXACT);
    }

    @Test
    void aucCountsPairsRankedRight() {
        // positives at 0.9 and 0.4; negatives at 0.6 and 0.1: 3 of 4 pairs right
        List<Scored> scored = List.of(new Scored(0.9, 1), new Scored(0.6, 0), new Scored(0.4, 1),
                new Scored(0.1, 0));
        HoldoutMetrics m = HoldoutMetrics.of(scored);
        assertThat(m.aucRoc()).isCloseTo(0.75, EXACT);
        // precision 1 at the first positive, 2/3 at the second: (1 + 2/3) / 2
        assertThat(m.aucPr()).isCloseTo(5.0 / 6, EXACT);
        assertThat(m.toJson()).startsWith("{\"members\":4,\"positive_rate\":0.500000,\"auc_roc\":0.750000");
    }

    @Test
    void aHoldoutWithOneClassCannotBeMeasured() {
        assertThatThrownBy(() -> HoldoutMetrics.of(List.of(new Scored(0.3, 1), new Scored(0.4, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both classes");
    }
}
