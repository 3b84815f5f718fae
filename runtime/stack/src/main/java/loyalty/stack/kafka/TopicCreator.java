package loyalty.stack.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import loyalty.contract.topic.TopicSpec;
import loyalty.stack.StackException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Creates the registry's topics that do not exist yet; existing ones are left as they are. Returns once the broker
 * serves every new partition as its leader ({@link #awaitLeaders}): a topic is created by the controller, and until
 * the broker has taken the new partitions on, sends to them are refused, which an idempotent producer does not
 * always recover from.
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
     * Waits until the broker serves every partition of {@code topics} as their leader. Its metadata names the leader
     * a moment before its replica manager has taken the partition on, and in that moment an idempotent producer's
     * first batch is refused (NOT_LEADER_OR_FOLLOWER) while the batches behind it are appended: the retried first
     * batch is then out of sequence for good, and its records expire (seen in CI: OUT_OF_ORDER_SEQUENCE_NUMBER until
     * the 120 s delivery timeout). Listing the partitions' end offsets is answered by the leader's replica manager
     * only, so once it succeeds for every partition, producing is safe. Until the broker has applied the creation it
     * does not know the topics at all (UnknownTopicOrPartition), which is the same wait.
     */
    static void awaitLeaders(Admin admin, List<String> topics, Duration deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        long until = System.nanoTime() + deadline.toNanos();
        while (true) {
            String notYet;
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS)
                        .values()) {
                    for (TopicPartitionInfo partition : topic.partitions()) {
                        partitions.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest());
                    }
                }
                admin.listOffsets(partitions, new ListOffsetsOptions().timeoutMs(5_000)).all()
                        .get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw e;
                }
                notYet = e.getCause().toString();
            }
            if (System.nanoTime() > until) {
                throw new StackException("Kafka created the topics but does not serve all their partitions after "
                        + deadline.toSeconds() + " s: " + notYet);
            }
            Thread.sleep(50); // poll interval; the broker decides
        }
    }
}
