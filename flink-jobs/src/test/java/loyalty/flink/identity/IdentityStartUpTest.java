package loyalty.flink.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.publish.EventPublisher;
import loyalty.contract.topic.Topics;
import loyalty.contract.validation.Validation;
import loyalty.flink.common.EventClock;
import loyalty.flink.common.JobHandle;
import loyalty.flink.ledger.LedgerTestStack;
import loyalty.stack.kafka.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first hour of a history loaded into a running identity job set for live input (as 'stack up' sets it): each
 * customer enrols (members topic, email and crm_id) and minutes later orders with the email only (orders topic). The
 * orders reach the job first, on both partitions, while the members partitions have long been idle; the enrolments
 * follow once the job has taken the orders in. Were an idle
 * partition to let the first delivered records move the clock, the orders would be resolved first and create
 * prospects that then take the enrolled members' crm_ids in a merge. History never moves the clock: the job orders
 * the whole load and resolves it in event-time order, so each order matches its enrolled member and nothing merges.
 */
class IdentityStartUpTest {
    private static final Instant FIRST_HOUR = Instant.parse("2026-01-10T10:00:00Z");
    private static final int CUSTOMERS = 12;

    @TempDir
    static Path work;
    static LedgerTestStack stack;

    @BeforeAll
    static void start() {
        stack = LedgerTestStack.start(work);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void ordersDeliveredBeforeTheirEnrolmentsStillMatchTheEnrolledMembers() throws Exception {
        String bootstrap = stack.kafka.bootstrapServers();
        IdentityJobConfig config = IdentityJobConfig.defaults(bootstrap, stack.lakehouse())
                .withCheckpointInterval(Duration.ofMillis(500))
                // longer than the orders' way into a checkpoint, so that only the clock could release them early
                .withQuietFlush(Duration.ofSeconds(15))
                .withClock(EventClock.liveEvents());
        try (JobHandle job = IdentityJob.startLocal(config)) {
            job.awaitRunning(Duration.ofMinutes(2));
            try (EventPublisher publisher = EventPublisher.connect(bootstrap, "start-up-test")) {
                for (int i = 0; i < CUSTOMERS; i++) {
                    publish(publisher, "ord-" + i, EventType.ORDER_COMPLETED, FIRST_HOUR.plusSeconds(300L * i + 120),
                            new Identifiers(email(i), null, null, null, null),
                            "{\"order_id\":\"O" + i + "\",\"net_amount\":\"20.00\",\"currency\":\"USD\"}");
                }
                publisher.flush();
                // the enrolments come once the job has taken the orders in (their offsets committed by a checkpoint)
                LedgerTestStack.await("the orders taken in", job, () -> ordersTakenIn(config.groupId()));
                for (int i = 0; i < CUSTOMERS; i++) {
                    publish(publisher, "enr-" + i, EventType.MEMBER_ENROLLED, FIRST_HOUR.plusSeconds(300L * i),
                            new Identifiers(email(i), null, null, "crm-" + i, null), "{}");
                }
                publisher.flush();
            }
            Map<String, JsonNode> resolved = new HashMap<>();
            LedgerTestStack.await("every event resolved", job, () -> {
                resolved.clear();
                TopicReader.forEachToEnd(bootstrap, List.of(Topics.RESOLVED.name()), LedgerTestStack.DEADLINE,
                        r -> {
                            JsonNode n = tree(r.value());
                            resolved.put(n.path("event").path("event_id").asText(n.path("kind").asText()), n);
                        });
                return resolved.size() >= 2 * CUSTOMERS;
            });
            for (int i = 0; i < CUSTOMERS; i++) {
                assertThat(resolved.get("ord-" + i).path("member_id").asText()).as("order " + i)
                        .isEqualTo("M-enr-" + i);
                assertThat(resolved.get("ord-" + i).path("late").asBoolean()).isFalse();
            }
            assertThat(resolved.values()).as("no merge: no prospect was ever created")
                    .noneMatch(n -> "merge".equals(n.path("kind").asText()));
        }
    }

    private static boolean ordersTakenIn(String group) {
        try (Admin admin = stack.kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            long committedOrders = committed.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(Topics.ORDERS.name()))
                    .mapToLong(e -> e.getValue().offset()).sum();
            return committedOrders >= CUSTOMERS;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String email(int i) {
        return "customer" + i + "@shop.example";
    }

    private static void publish(EventPublisher publisher, String id, EventType type, Instant at, Identifiers ids,
                                String payload) throws Exception {
        Event e = new Event(id, type.wireName(), "acme", at, "pos", ids,
                (ObjectNode) EventJson.mapper().readTree(payload));
        assertThat(publisher.publish(e, "test", id)).isInstanceOf(Validation.Accepted.class);
    }

    private static JsonNode tree(byte[] json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
