package loyalty.flink.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.publish.EventPublisher;
import loyalty.contract.topic.Topics;
import loyalty.contract.validation.Validation;
import loyalty.flink.common.JobHandle;
import loyalty.flink.identity.IdentityJob;
import loyalty.flink.identity.IdentityJobConfig;
import loyalty.stack.kafka.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quiet live stack: a member enrols and orders 20 days ago (history), then one live event of another member goes
 * through, and nothing else arrives. The order's points were pending for 14 days (default rules), so they are
 * available now; only the wall clock (the live clock of a 'stack up' ledger job, live since that event) can move
 * event time past that, since no later event of the member ever comes.
 */
class LiveClockJobTest {
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
    void pendingPointsBecomeAvailableWithoutAnotherEvent() throws Exception {
        Instant twentyDaysAgo = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(20));
        String bootstrap = stack.kafka.bootstrapServers();
        try (EventPublisher publisher = EventPublisher.connect(bootstrap, "live-clock-test")) {
            send(publisher, "l1", EventType.MEMBER_ENROLLED, twentyDaysAgo, "{}");
            send(publisher, "l2", EventType.ORDER_COMPLETED, twentyDaysAgo.plusSeconds(60),
                    "{\"order_id\":\"O1\",\"net_amount\":\"120.50\",\"currency\":\"USD\"}");
            send(publisher, "l3", EventType.MEMBER_ENROLLED, Instant.now().minusSeconds(5), "{}", "eve@x.com");
            publisher.flush();
        }
        IdentityJobConfig identity = IdentityJobConfig.defaults(bootstrap, stack.lakehouse())
                .withCheckpointInterval(Duration.ofMillis(500))
                .withOutOfOrderness(IdentityJobConfig.BACKFILL_OUT_OF_ORDERNESS)
                .withQuietFlush(Duration.ofSeconds(2)).withParallelism(1);
        LedgerJobConfig ledger = LedgerJobConfig.defaults(bootstrap, stack.lakehouse())
                .withCheckpointInterval(Duration.ofMillis(500)).withParallelism(1)
                .withLiveClock(Duration.ofMinutes(1));
        try (JobHandle i = IdentityJob.startLocal(identity); JobHandle l = LedgerJob.startLocal(ledger)) {
            LedgerTestStack.await("the order's 120 points available", () -> {
                JsonNode b = balances().get("M-l1");
                return b != null && b.path("available").asLong() == 220;
            });
        }
        JsonNode balance = balances().get("M-l1");
        assertThat(balance.path("pending").asLong()).isZero();
        assertThat(Instant.parse(balance.path("as_of").asText()))
                .as("dated when the lot became available, not when the clock noticed")
                .isEqualTo(twentyDaysAgo.plusSeconds(60).plus(Duration.ofDays(14)));
    }

    private static Map<String, JsonNode> balances() {
        Map<String, JsonNode> latest = new HashMap<>();
        TopicReader.forEachToEnd(stack.kafka.bootstrapServers(), List.of(Topics.BALANCES.name()),
                LedgerTestStack.DEADLINE, r -> latest.put(r.key(), LedgerTestStack.tree(r.value())));
        return latest;
    }

    private static void send(EventPublisher publisher, String id, EventType type, Instant at, String payload)
            throws Exception {
        send(publisher, id, type, at, payload, "dora@x.com");
    }

    private static void send(EventPublisher publisher, String id, EventType type, Instant at, String payload,
                             String email) throws Exception {
        Event e = new Event(id, type.wireName(), "acme", at, "pos", new Identifiers(email, null, null, null,
                null), (ObjectNode) EventJson.mapper().readTree(payload));
        assertThat(publisher.publish(e, "test", id)).isInstanceOf(Validation.Accepted.class);
    }
}
