package loyalty.flink.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
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
import loyalty.generator.GeneratedProgram;
import loyalty.generator.Generator;
import loyalty.generator.GeneratorConfig;
import loyalty.generator.feed.FeedLine;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.operational.CustomerRow;
import loyalty.generator.operational.OperationalChange;
import loyalty.lakehouse.catalog.LakehouseConfig;
import loyalty.stack.kafka.KafkaBroker;
import loyalty.stack.kafka.TopicCreator;
import loyalty.stack.kafka.TopicReader;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under repeated failure (SPEC §1 "replaying the same input gives the same ledger"; §11 "each input
 * event affects the ledger at most once"): a generated program goes through the identity job once; its resolved
 * stream then goes through the ledger job twice, each run with a consumer group of its own and the ledger topic
 * emptied between them: once uninterrupted, and once failed three times at seeded random positions of the stream
 * (each restart resumes from the last completed checkpoint, or from the start). The ledger entries read back
 * (read_committed) must be the same multiset in both runs, with no entry id twice.
 *
 * <p>When is a run done? The stream ends with two sentinel enrolments: the last one moves event time to the instant
 * of the first one's birthday bonus, the latest timer any run fires. Timers fire in time order, so once that BONUS
 * entry is committed every entry before it is too.
 */
class LedgerRepeatedFailuresTest {
    private static final long SEED = 5;
    private static final int FAILURES = 3;

    @TempDir
    static Path work;

    @Test
    void aLedgerJobThatFailsThreeTimesWritesExactlyTheEntriesOfAnUninterruptedRun() throws Exception {
        List<Event> events = program();
        Event last = events.get(events.size() - 1);
        String done = "birthday:M-" + events.get(events.size() - 2).eventId() + ":"
                + last.occurredAt().atZone(ZoneOffset.UTC).getYear() + ":BONUS";
        try (LedgerTestStack stack = LedgerTestStack.start(work)) {
            publish(stack.kafka, events);
            List<ConsumerRecord<String, byte[]>> resolved = resolve(stack, last);

            Map<String, String> uninterrupted = ledger(stack.kafka, stack.lakehouse(), "ledger-uninterrupted", null,
                    done);
            recreateLedgerTopic(stack.kafka);

            Random random = new Random(SEED);
            TreeSet<Long> positions = new TreeSet<>();
            while (positions.size() < FAILURES) {
                positions.add(resolved.size() / 10 + (long) random.nextInt(resolved.size() * 7 / 10));
            }
            Path markers = Files.createDirectories(work.resolve("failures"));
            Map<String, String> failing = ledger(stack.kafka, stack.lakehouse(), "ledger-failing",
                    new FailAtRecords(List.copyOf(positions), markers), done);

            assertThat(FailAtRecords.markers(markers, "failed-at-")).as("the ledger job failed at %s", positions)
                    .hasSize(FAILURES);
            assertThat(uninterrupted).hasSizeGreaterThan(1_000);
            Map<String, Long> types = new TreeMap<>();
            uninterrupted.values().forEach(e -> types.merge(LedgerTestStack.tree(
                    e.getBytes(StandardCharsets.UTF_8)).path("type").asText(), 1L, Long::sum));
            assertThat(types).containsKeys("EARN", "BONUS", "CLAWBACK", "REDEEM");
            assertThat(failing).as("the entries of the run failed at %s (restored: %s)", positions,
                    FailAtRecords.markers(markers, "restored-at-")).isEqualTo(uninterrupted);
        }
    }

    /**
     * The generated program's valid feed events, the enrolments its CRM rows carry (CDC brings those, the feeds
     * only a few), and the two sentinels, in event-time order.
     */
    private static List<Event> program() throws Exception {
        // a short period: the ledger's Iceberg tables are partitioned by day, and a run replays the whole period
        // between two checkpoints, with a Parquet writer open for every day it touches
        GeneratedProgram generated = Generator.generate(GeneratorConfig.defaults(SEED).withCustomers(1_000)
                .withPeriod(LocalDate.of(2026, 1, 1), 90));
        String program = generated.config().program();
        List<Event> events = new ArrayList<>();
        for (FeedSource source : FeedSource.values()) {
            for (FeedLine line : generated.feed(source)) {
                if (line.kind() == FeedLine.Kind.VALID) {
                    events.add(EventJson.mapper().readValue(line.text(), Event.class));
                }
            }
        }
        for (OperationalChange change : generated.operationalChanges()) {
            if (change.after() instanceof CustomerRow c && change.program().equals(program)
                    && change.expectedEvent().filter(t -> t == EventType.MEMBER_ENROLLED).isPresent()) {
                ObjectNode payload = EventJson.mapper().createObjectNode().put("first_name", c.firstName())
                        .put("last_name", c.lastName()).put("country", c.country());
                if (c.birthDate() != null) {
                    payload.put("birth_date", c.birthDate().toString());
                }
                events.add(new Event("crm-" + change.seq(), EventType.MEMBER_ENROLLED.wireName(), program,
                        change.at().truncatedTo(ChronoUnit.MILLIS), "crm",
                        new Identifiers(c.email(), c.phone(), c.cardNumber(), c.crmId(), null), payload));
            }
        }
        events.removeIf(e -> !e.program().equals(program));
        events.sort(Comparator.comparing(Event::occurredAt).thenComparing(Event::eventId));
        Instant end = events.get(events.size() - 1).occurredAt().plus(Duration.ofDays(1))
                .truncatedTo(ChronoUnit.DAYS);
        LocalDate birthday = end.plus(Duration.ofDays(2)).atZone(ZoneOffset.UTC).toLocalDate();
        events.add(sentinel(program, "zz-end-a", end, birthday.withYear(1990)));
        events.add(sentinel(program, "zz-end-b", birthday.atStartOfDay(ZoneOffset.UTC).toInstant()
                .plusMillis(1), null));
        return events;
    }

    /** The first sentinel's birthday bonus is due at 00:00 two days on; the second comes a millisecond after it. */
    private static Event sentinel(String program, String id, Instant at, LocalDate birthDate) {
        ObjectNode payload = EventJson.mapper().createObjectNode();
        if (birthDate != null) {
            payload.put("birth_date", birthDate.toString());
        }
        return new Event(id, EventType.MEMBER_ENROLLED.wireName(), program, at, "crm",
                new Identifiers(id + "@sentinel.example.org", null, null, null, null), payload);
    }

    private static void publish(KafkaBroker kafka, List<Event> events) {
        int accepted = 0;
        try (EventPublisher publisher = EventPublisher.connect(kafka.bootstrapServers(), "repeated-failures")) {
            for (Event e : events) {
                if (publisher.publish(e, "test", e.eventId()) instanceof Validation.Accepted) {
                    accepted++;
                }
            }
            publisher.flush();
        }
        assertThat(accepted).as("events accepted by the contract").isGreaterThan(events.size() * 9 / 10);
    }

    /** Runs the identity job until the last event is resolved; returns the resolved stream. */
    private static List<ConsumerRecord<String, byte[]>> resolve(LedgerTestStack stack, Event last)
            throws Exception {
        IdentityJobConfig identity = IdentityJobConfig.defaults(stack.kafka.bootstrapServers(), stack.lakehouse())
                .withCheckpointInterval(Duration.ofMillis(500))
                .withOutOfOrderness(IdentityJobConfig.BACKFILL_OUT_OF_ORDERNESS)
                .withQuietFlush(Duration.ofSeconds(2)).withParallelism(1);
        try (JobHandle job = IdentityJob.startLocal(identity)) {
            LedgerTestStack.await("the resolved " + last.eventId(), job, () -> read(stack.kafka, Topics.RESOLVED.name())
                    .stream().anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(
                            "\"event_id\":\"" + last.eventId() + "\"")));
        }
        return read(stack.kafka, Topics.RESOLVED.name());
    }

    /**
     * Empties the ledger topic between the runs by deleting and creating it again: the second run's entries are then
     * alone in it, and a transaction the first run left open when it was cancelled goes with the old topic instead
     * of holding back what read_committed readers see.
     */
    private static void recreateLedgerTopic(KafkaBroker kafka) throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.deleteTopics(List.of(Topics.LEDGER.name())).all().get();
            LedgerTestStack.await("the deleted ledger topic gone", () -> {
                try {
                    return !admin.listTopics().names().get().contains(Topics.LEDGER.name());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            TopicCreator.ensure(admin, List.of(Topics.LEDGER), (short) 1);
        }
        assertThat(read(kafka, Topics.LEDGER.name())).isEmpty();
    }

    /**
     * Runs the ledger job on {@code kafka}'s resolved stream until the entry {@code done} is committed; returns the
     * committed entries by id, each id once.
     */
    private static Map<String, String> ledger(KafkaBroker kafka, LakehouseConfig lakehouse, String groupId,
                                              MapFunction<ResolvedRecord, ResolvedRecord> probe, String done) {
        LedgerJobConfig config = LedgerJobConfig.defaults(kafka.bootstrapServers(), lakehouse).withGroupId(groupId)
                .withCheckpointInterval(Duration.ofMillis(500)).withParallelism(1);
        try (JobHandle job = LedgerJob.startLocal(config, probe)) {
            String doneField = "\"entry_id\":\"" + done + "\"";
            LedgerTestStack.await("the entry " + done, job, () -> read(kafka, Topics.LEDGER.name()).stream()
                    .anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(doneField)));
        }
        Map<String, String> entries = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : read(kafka, Topics.LEDGER.name())) {
            JsonNode entry = LedgerTestStack.tree(r.value());
            String previous = entries.put(entry.path("entry_id").asText(), entry.toString());
            assertThat(previous).as("entry %s written once", entry.path("entry_id").asText()).isNull();
        }
        return entries;
    }

    private static List<ConsumerRecord<String, byte[]>> read(KafkaBroker kafka, String topic) {
        return TopicReader.readToEnd(kafka.bootstrapServers(), List.of(topic), LedgerTestStack.DEADLINE);
    }
}
