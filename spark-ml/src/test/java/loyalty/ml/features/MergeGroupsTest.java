package loyalty.ml.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergeGroupsTest {
    static final Instant MAR_01 = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant APR_01 = Instant.parse("2026-04-01T00:00:00Z");
    static final Instant MAY_01 = Instant.parse("2026-05-01T00:00:00Z");

    // bob → alice on Mar 1; alice → zoe on May 1 (a chain)
    final MergeGroups groups = new MergeGroups(List.of(new MergeGroups.Merge("bob", "alice", MAR_01),
            new MergeGroups.Merge("alice", "zoe", MAY_01)));

    @Test
    void onlyMergesThatHadHappenedByTheCutoffCount() {
        assertThat(groups.rootOf("bob", MAR_01.minusSeconds(1))).isEqualTo("bob");
        assertThat(groups.rootOf("bob", MAR_01)).isEqualTo("alice");
        assertThat(groups.rootOf("bob", APR_01)).isEqualTo("alice");
        assertThat(groups.rootOf("bob", MAY_01)).isEqualTo("zoe");
    }

    @Test
    void withoutACutoffEveryMergeIsFollowed() {
        assertThat(groups.rootOf("bob", null)).isEqualTo("zoe");
        assertThat(groups.rootOf("carol", null)).isEqualTo("carol");
        assertThat(groups.keys(APR_01)).extracting(k -> String.join(">", k))
                .containsExactlyInAnyOrder("bob>alice>zoe", "alice>alice>zoe");
    }
}
