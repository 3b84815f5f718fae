package loyalty.stack.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import loyalty.contract.topic.TopicSpec;
import loyalty.stack.StackException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the registry's topics that do not exist yet; existing ones are left as they are. Returns once the broker
 * names a leader for every partition of them: a topic is created by the controller, and until the broker has taken
 * the new partitions on, a producer's sends to them are refused (NOT_LEADER_OR_FOLLOWER) and retried, on a loaded
 * machine for as long as the broker lags, where a clear error here says which partitions it is behind on.
 */
public final class TopicCreator {
    private TopicCreator() {
    }

    public static void ensure(Admin admin, Collection<? extends TopicSpec<?, ?>> specs, short replication) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = specs.stream()
                    .filter(s -> !existing.contains(s.name()))
                    .map(s -> new NewTopic(s.name(), s.partitions(), replication).configs(s.configs()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                awaitLeaders(admin, missing.stream().map(NewTopic::name).toList(), LEADERS_DEADLINE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StackException("cannot create Kafka topics: " + e.getMessage(), e);
        }
    }

    static final Duration LEADERS_DEADLINE = Duration.ofSeconds(90);

    /**
     * Waits until the broker's metadata has a leader for every partition of {@code topics}; until it has applied the
     * creation, it does not even know the topics (UnknownTopicOrPartition), which is the same wait.
     */
    static void awaitLeaders(Admin admin, List<String> topics, Duration deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        long until = System.nanoTime() + deadline.toNanos();
        while (true) {
            List<String> leaderless = new ArrayList<>();
            try {
                for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS)
                        .values()) {
                    for (TopicPartitionInfo partition : topic.partitions()) {
                        if (partition.leader() == null || partition.leader().isEmpty()) {
                            leaderless.add(topic.name() + "-" + partition.partition());
                        }
                    }
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                leaderless.add("(a topic the broker does not know yet: " + e.getCause().getMessage() + ")");
            }
            if (leaderless.isEmpty()) {
                return;
            }
            if (System.nanoTime() > until) {
                throw new StackException("Kafka created the topics but has no leader for " + leaderless.size()
                        + " partition(s) after " + deadline.toSeconds() + " s: " + leaderless);
            }
            Thread.sleep(50); // poll interval; the broker's metadata decides
        }
    }
}
