package loyalty.identity.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityQualityTest {

    @Test
    void measuresAndDescribesOneRun() {
        // truth P1 = {a,b,c} all sharing e1, P2 = {d} sharing household phone h with c; the resolver merged d into M1
        // true = 3, predicted = C(4,2) = 6, correct = 3, linkable = 3 (components per person), linked = 3
        String records = "a P1 M1 email:e1; b P1 M1 email:e1; c P1 M1 email:e1 phone:h; d P2 M1 phone:h; u P2 - card:k1;"
                + " s - M9 email:store";
        List<ResolvedRecord> resolved = Records.resolved(records);

        IdentityQuality q = IdentityQuality.measure(resolved, Linkability.of(Records.identified(records)));

        assertThat(q.precision()).isEqualTo(3.0 / 6);
        assertThat(q.recall()).isEqualTo(1.0);
        assertThat(q.linkableRecall()).isEqualTo(1.0);
        assertThat(q.impureMembers()).isEqualTo(1);
        assertThat(q.examples()).containsExactly(Map.entry("M1", List.of("P1", "P2")));
        assertThat(q.describe()).isEqualTo("precision=0.5000 recall=1.0000 linkable_recall=1.0000"
                + " pairs(true=3 predicted=6 correct=3 linkable=3) persons=2 members=1 impure_members=1"
                + " unattributed=1 no_person=1");
    }
}
