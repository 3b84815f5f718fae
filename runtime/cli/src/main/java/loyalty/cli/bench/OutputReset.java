package loyalty.cli.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import loyalty.cli.stack.LocalStack;
import loyalty.contract.topic.TopicSpec;
import loyalty.contract.topic.Topics;
import loyalty.stack.StackException;
import loyalty.stack.kafka.TopicCreator;
import loyalty.stack.postgres.PostgresCluster;
import org.apache.kafka.clients.admin.Admin;

/**
 * Empties what the identity and ledger jobs write, so that the next pipeline over the same backlog starts from
 * nothing, as the first did: the topics are deleted and created again (a ledger reading from the earliest offsets
 * would otherwise take in both pipelines' resolved streams), and the serving tables, if the stack has them, are
 * truncated. The input topics stay.
 */
final class OutputReset {
    static final List<TopicSpec<String, byte[]>> PIPELINE_OUTPUTS = List.of(Topics.RESOLVED,
            Topics.IDENTITY_CHANGES, Topics.LEDGER, Topics.BALANCES, Topics.REDEMPTION_OUTCOMES,
            Topics.RULES_REJECTED, Topics.DEAD_LETTER);
    private static final Duration DEADLINE = Duration.ofMinutes(1);
    private static final long POLL_MILLIS = 200;

    private OutputReset() {
    }

    static void reset(LocalStack local) throws InterruptedException {
        List<String> names = PIPELINE_OUTPUTS.stream().map(TopicSpec::name).toList();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (Admin admin = local.kafka().admin()) {
            admin.deleteTopics(names).all().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            // deletion completes in the background: a topic is created again once the broker no longer lists it
            while (!intersect(admin.listTopics().names().get(30, TimeUnit.SECONDS), names).isEmpty()) {
                check(deadline);
                Thread.sleep(POLL_MILLIS); // poll interval: the topic list decides
            }
            TopicCreator.ensure(admin, PIPELINE_OUTPUTS, (short) 1);
        } catch (ExecutionException | TimeoutException e) {
            throw new StackException("cannot delete the pipeline's output topics: " + e.getMessage(), e);
        }
        truncateServingTables(local);
    }

    private static List<String> intersect(Set<String> listed, List<String> names) {
        return names.stream().filter(listed::contains).toList();
    }

    private static void check(long deadline) {
        if (System.nanoTime() > deadline) {
            throw new StackException("Kafka still lists the deleted output topics after " + DEADLINE.toSeconds()
                    + " s");
        }
    }

    private static void truncateServingTables(LocalStack local) {
        try (Connection c = local.postgres().connect(PostgresCluster.SHOP_DB); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'serving' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add("serving." + rs.getString(1));
                }
            }
            if (!tables.isEmpty()) {
                s.execute("TRUNCATE " + String.join(", ", tables));
            }
        } catch (SQLException e) {
            throw new StackException("cannot empty the serving tables: " + e.getMessage(), e);
        }
    }
}
