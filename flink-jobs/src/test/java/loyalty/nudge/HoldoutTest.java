package loyalty.nudge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** SPEC §13.15: the holdout group is a stable, unbiased 10% of members. */
class HoldoutTest {
    private static final BigDecimal SHARE = new BigDecimal("0.10");

    @Test
    void aboutTheShareOfOneHundredThousandMembersIsHeldOut() {
        int n = 100_000;
        int held = 0;
        for (int i = 0; i < n; i++) {
            if (Holdout.heldOut("acme", "M-ord-" + i, SHARE)) {
                held++;
            }
        }
        double fraction = held / (double) n;
        double sigma = Math.sqrt(0.10 * 0.90 / n);

        assertThat(Math.abs(fraction - 0.10)).as("held out %s of %s", held, n).isLessThan(4 * sigma);
    }

    @Test
    void theSameMemberIsHeldOutIdenticallyEveryTime() {
        for (int i = 0; i < 1_000; i++) {
            String member = "M-" + i;
            assertThat(Holdout.bucket("acme", member)).isEqualTo(Holdout.bucket("acme", member));
            assertThat(Holdout.heldOut("acme", member, SHARE)).isEqualTo(Holdout.bucket("acme", member) < 1_000);
        }
    }

    @Test
    void theBucketIsTheSpecsHashSoOtherToolsCanRecomputeIt() {
        // python3: int.from_bytes(hashlib.sha256(b"acme:M-1").digest()[:8], "big") % 10000
        assertThat(Holdout.bucket("acme", "M-1")).isEqualTo(126);
        assertThat(Holdout.bucket("acme", "M-e1")).isEqualTo(6268);
        assertThat(Holdout.bucket("acme", "M-alice")).isEqualTo(882);
        assertThat(Holdout.bucket("other", "M-1")).as("the program is part of the key")
                .isNotEqualTo(Holdout.bucket("acme", "M-1"));
    }

    @Test
    void theBoundaryIsStrict() {
        // bucket 126: held out iff 126 < share × 10,000
        assertThat(Holdout.heldOut("acme", "M-1", new BigDecimal("0.0126"))).isFalse();
        assertThat(Holdout.heldOut("acme", "M-1", new BigDecimal("0.0127"))).isTrue();
        assertThat(Holdout.heldOut("acme", "M-1", BigDecimal.ZERO)).isFalse();
    }
}
