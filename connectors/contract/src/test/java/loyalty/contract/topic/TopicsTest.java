package loyalty.contract.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import loyalty.contract.event.EventType;
import org.junit.jupiter.api.Test;

class TopicsTest {
    @Test
    void everyEventTypeHasAnInputTopic() {
        for (EventType type : EventType.values()) {
            assertThat(Topics.forType(type)).as(type.wireName()).isNotNull();
            assertThat(Topics.inputs()).contains(Topics.forType(type));
        }
    }

    @Test
    void namesAreUniqueAndOnlyBalancesAreCompacted() {
        Set<String> names = Topics.all().stream().map(TopicSpec::name).collect(Collectors.toSet());
        assertThat(names).hasSize(Topics.all().size());
        assertThat(Topics.all()).filteredOn(t -> t.cleanupPolicy() == CleanupPolicy.COMPACT)
                .containsExactly(Topics.BALANCES);
        assertThat(Topics.BALANCES.configs()).containsEntry("cleanup.policy", "compact");
    }
}
