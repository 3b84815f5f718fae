package loyalty.stack.kafka;

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

/** Creates the registry's topics that do not exist yet; existing ones are left as they are. */
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
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StackException("cannot create Kafka topics: " + e.getMessage(), e);
        }
    }
}
