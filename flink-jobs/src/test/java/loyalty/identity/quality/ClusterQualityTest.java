package loyalty.identity.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pairwise measures on small clusterings whose numbers are worked out by hand. Most rows start from the same truth:
 * P1 = {a, b, c}, P2 = {d, e}, P3 = {f}, so true pairs = C(3,2) + C(2,2) + C(1,2) = 3 + 1 + 0 = 4.
 */
class ClusterQualityTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                 | records                                                                  | true | predicted | correct | persons | members | impure | unattributed | no_person | precision | recall
            # members as persons: predicted = 3 + 1 + 0 = 4, every pair correct
            perfect                | a P1 M1; b P1 M1; c P1 M1; d P2 M2; e P2 M2; f P3 M3                     | 4    | 4         | 4       | 3       | 3       | 0      | 0            | 0         | 1         | 1
            # f wrongly merged into M2 = {d,e,f}: predicted = 3 + C(3,2) = 6, correct = 3 + 1 = 4, precision 1 -> 4/6
            one wrong merge        | a P1 M1; b P1 M1; c P1 M1; d P2 M2; e P2 M2; f P3 M2                     | 4    | 6         | 4       | 3       | 2       | 1      | 0            | 0         | 4/6       | 1
            # P2 merged whole into M1 = {a..e}: predicted = C(5,2) = 10, correct = 3 + 1 = 4
            two persons merged     | a P1 M1; b P1 M1; c P1 M1; d P2 M1; e P2 M1; f P3 M3                     | 4    | 10        | 4       | 3       | 2       | 1      | 0            | 0         | 4/10      | 1
            # c split off into M4: predicted = C(2,2) + 0 + 1 + 0 = 2, correct = 1 + 1 = 2, recall 1 -> 2/4
            split person           | a P1 M1; b P1 M1; c P1 M4; d P2 M2; e P2 M2; f P3 M3                     | 4    | 2         | 2       | 3       | 4       | 0      | 0            | 0         | 1         | 2/4
            # c moved to P2's member M2 = {c,d,e}: predicted = 1 + 3 = 4, correct = (P1,M1) 1 + (P1,M2) 0 + (P2,M2) 1 = 2
            split and wrong merge  | a P1 M1; b P1 M1; c P1 M2; d P2 M2; e P2 M2; f P3 M3                     | 4    | 4         | 2       | 3       | 3       | 1      | 0            | 0         | 2/4       | 2/4
            # nobody has two records: no pair to find, none predicted
            singletons only        | a P1 M1; b P2 M2; c P3 M3                                                | 0    | 0         | 0       | 3       | 3       | 0      | 0            | 0         | 1         | 1
            # three singletons in one member: predicted = C(3,2) = 3, none correct; nothing was there to find
            singletons merged      | a P1 M1; b P2 M1; c P3 M1                                                | 0    | 3         | 0       | 3       | 1       | 1      | 0            | 0         | 0         | 1
            # c unattributed, g and h have no person: only a, b, d, e, f take part; true = 1 + 1, predicted = 1 + 1
            unattributed records   | a P1 M1; b P1 M1; c P1 -; d P2 M2; e P2 M2; f P3 M3; g - M1; h - -       | 2    | 2         | 2       | 3       | 3       | 0      | 1            | 2         | 1         | 1
            # everything unattributed: no pairs, nobody takes part
            nothing resolved       | a P1 -; b P1 -                                                           | 0    | 0         | 0       | 0       | 0       | 0      | 2            | 0         | 1         | 1
            """)
    void pairwiseMeasures(String name, String records, long truePairs, long predicted, long correct, long persons,
                          long members, long impure, long unattributed, long noPerson, String precision,
                          String recall) {
        ClusterQuality q = ClusterQuality.of(Records.resolved(records));

        assertThat(q.truePairs()).as("true pairs").isEqualTo(truePairs);
        assertThat(q.predictedPairs()).as("predicted pairs").isEqualTo(predicted);
        assertThat(q.correctPairs()).as("correct pairs").isEqualTo(correct);
        assertThat(q.persons()).as("persons").isEqualTo(persons);
        assertThat(q.members()).as("members").isEqualTo(members);
        assertThat(q.impureMembers()).as("impure members").isEqualTo(impure);
        assertThat(q.examples()).hasSize((int) impure);
        assertThat(q.unattributed()).as("unattributed").isEqualTo(unattributed);
        assertThat(q.noPerson()).as("no person").isEqualTo(noPerson);
        assertThat(q.precision()).as("precision").isEqualTo(Records.ratio(precision));
        assertThat(q.recall()).as("recall").isEqualTo(Records.ratio(recall));
    }

    @Test
    void examplesNameTheLargestImpureMembersWithTheirMainPersonFirst() {
        // M1 = {P2 x1, P1 x2} (3 records), M2 = {P3, P4} (2 records), M3 pure
        ClusterQuality q = ClusterQuality.of(Records.resolved(
                "a P2 M1; b P1 M1; c P1 M1; d P4 M2; e P3 M2; f P5 M3; g P5 M3"));

        assertThat(q.examples()).containsExactly(Map.entry("M1", List.of("P1", "P2")),
                Map.entry("M2", List.of("P3", "P4")));
    }

    @Test
    void examplesStopAtTen() {
        StringBuilder records = new StringBuilder();
        for (int m = 0; m < 12; m++) {
            records.append(String.format("x%d P%d M%02d; y%d Q%d M%02d; ", m, m, m, m, m, m));
        }
        ClusterQuality q = ClusterQuality.of(Records.resolved(records.toString()));

        assertThat(q.impureMembers()).isEqualTo(12);
        assertThat(q.examples()).hasSize(ClusterQuality.EXAMPLES);
        assertThat(q.examples().keySet()).startsWith("M00", "M01").doesNotContain("M10", "M11");
    }

    @Test
    void pairCountsUseLongArithmetic() {
        // C(70_000, 2) = 2_449_965_000 > Integer.MAX_VALUE
        assertThat(ClusterQuality.pairs(70_000)).isEqualTo(2_449_965_000L);
    }

    @Test
    void aRecordCountedTwiceIsRefused() {
        assertThatThrownBy(() -> ClusterQuality.of(Records.resolved("a P1 M1; a P1 M1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a occurs twice");
    }
}
