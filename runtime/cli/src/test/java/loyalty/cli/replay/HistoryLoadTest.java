package loyalty.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import loyalty.cli.LoyaltyCommand;
import loyalty.cli.StackOptions;
import loyalty.cli.stack.LocalStack;
import loyalty.cli.stack.StackProfile;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.topic.TopicSpec;
import loyalty.contract.topic.Topics;
import loyalty.generator.GeneratedProgram;
import loyalty.generator.Generator;
import loyalty.generator.GeneratorConfig;
import loyalty.generator.feed.FeedLine;
import loyalty.generator.operational.OperationalChange;
import loyalty.generator.operational.OperationalWriter;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.table.PointsLedger;
import loyalty.stack.Ports;
import loyalty.stack.kafka.TopicReader;
import loyalty.stack.postgres.PostgresCluster;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * History and live give one ledger (SPEC §1): the same generated program loaded into fresh stacks set as
 * {@code stack up} is, with the commands the README gives, (b) as one file holding all of it plus CDC, and (c) as
 * monthly chunks (CDC and a file each), each chunk sent once the stack has taken in the one before, which is longer
 * than every idle timeout. Both give the same ledger, entry ids and points, and each equals {@code loyalty replay}.
 * The one file also carries an event from the future on every partition of every input topic: each is
 * dead-lettered {@code future_time}, and none makes a historical event late. (a), the demo's load, is checked by the
 * demo tests, whose exit code requires replay = live on the same stack settings.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryLoadTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(8);
    private static final GeneratedProgram PROGRAM = Generator.generate(GeneratorConfig.defaults(17)
            .withCustomers(90).withPeriod(LocalDate.of(2026, 1, 1), 100));

    @TempDir
    static Path work;
    private static Map<String, Long> oneFileLedger;

    @Test
    @Order(1)
    void oneFileOfHistoryIntoALiveStackEqualsItsReplayAndFutureEventsMoveNoClock() throws Exception {
        Path dir = work.resolve("one-file");
        Path file = Files.createDirectories(dir).resolve("history.jsonl");
        List<String> lines = new ArrayList<>();
        PROGRAM.feeds().values().forEach(feed -> feed.forEach(l -> lines.add(l.text())));
        List<String> future = futureEventOnEveryPartition();
        lines.addAll(lines.size() / 2, future);
        Files.write(file, lines, StandardCharsets.UTF_8);

        try (Stack stack = Stack.start(dir)) {
            stack.writeOperational(c -> true);
            assertThat(stack.cli("ingest", file.toString())).isZero();
            assertThat(stack.cli("replay", "--json", dir.resolve("replay.json").toString())).isZero();

            JsonNode replay = EventJson.mapper().readTree(dir.resolve("replay.json").toFile());
            assertThat(replay.path("comparison").path("equal").asBoolean()).as(replay.toString()).isTrue();
            assertThat(deadLetterReasons(stack).getOrDefault("future_time", 0L)).isEqualTo(future.size());
            assertThat(lateResolutions(stack)).as("events resolved late").isZero();
            oneFileLedger = ledger(stack);
            assertThat(oneFileLedger).hasSizeGreaterThan(100);
        }
    }

    @Test
    @Order(2)
    void monthlyChunksOneAfterAnotherGiveTheSameLedgerAsOneFile() throws Exception {
        Path dir = Files.createDirectories(work.resolve("chunks"));
        try (Stack stack = Stack.start(dir)) {
            Instant end = PROGRAM.config().startDate().plusDays(PROGRAM.config().days()).atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
            for (YearMonth month = YearMonth.from(PROGRAM.config().startDate());
                 !month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(end); month = month.plusMonths(1)) {
                Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                Predicate<Instant> inMonth = at -> !at.isBefore(from) && at.isBefore(to);
                Path file = dir.resolve("history-" + month + ".jsonl");
                List<String> lines = new ArrayList<>();
                for (List<FeedLine> feed : PROGRAM.feeds().values()) {
                    feed.stream().filter(l -> inMonth.test(timeOf(l))).forEach(l -> lines.add(l.text()));
                }
                Files.write(file, lines, StandardCharsets.UTF_8);
                stack.writeOperational(c -> inMonth.test(c.at()));
                assertThat(stack.cli("ingest", file.toString())).as("ingest of " + month).isZero();
                // the pause: the stack takes in this month, which outlasts identity's quiet flush and idleness
                stack.settle();
            }
            assertThat(stack.cli("replay", "--json", dir.resolve("replay.json").toString())).isZero();
            assertThat(lateResolutions(stack)).as("events resolved late").isZero();
            Map<String, Long> chunked = ledger(stack);
            assertThat(chunked).isEqualTo(oneFileLedger);

            // history older than what the stack has resolved is refused before anything is sent …
            Path old = dir.resolve("old.jsonl");
            Files.writeString(old, PROGRAM.feeds().values().iterator().next().get(0).text() + "\n");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertThat(stack.cli(new PrintStream(err, true, StandardCharsets.UTF_8), "ingest", old.toString()))
                    .isNotZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("older than the newest event this stack has"
                    + " already resolved").contains("--late");
            // … and sent, as late events, when asked for: applied at arrival, recorded and counted
            Event lateEnrolment = new Event("late-enrolment-1", EventType.MEMBER_ENROLLED.wireName(),
                    PROGRAM.config().program(), Instant.parse("2026-01-15T10:00:00Z"), "crm",
                    new Identifiers("latecomer@x.com", null, null, null, null),
                    (ObjectNode) EventJson.mapper().readTree("{}"));
            Files.writeString(old, new String(EventJson.toBytes(lateEnrolment), StandardCharsets.UTF_8) + "\n");
            assertThat(stack.cli("ingest", "--late", old.toString())).isZero();
            stack.settle();
            assertThat(lateResolutions(stack)).as("events resolved late").isEqualTo(1);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            String status = stack.status();
            java.util.regex.Pattern oneLate = java.util.regex.Pattern.compile(
                    "late arrivals \\(applied at arrival, SPEC §1\\) *\\| +1 \\|");
            while (!oneLate.matcher(status).find()) {
                assertThat(System.nanoTime()).as(status).isLessThan(deadline);
                Thread.sleep(500); // poll interval: the identity job's next Iceberg commit decides
                status = stack.status();
            }
            assertThat(status).contains("{acme=1} in audit.late_arrivals").contains(" in loyalty.deadletter");
        }
    }

    /** A feed line's time; a malformed line without one goes with the first month. */
    private static Instant timeOf(FeedLine line) {
        return line.occurredAt() != null ? line.occurredAt()
                : PROGRAM.config().startDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** One valid event dated a day ahead for every partition of every input topic (keys pick the partition). */
    private static List<String> futureEventOnEveryPartition() throws Exception {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<EventType, String> payloads = Map.of(
                EventType.MEMBER_ENROLLED, "{}",
                EventType.ORDER_COMPLETED, "{\"order_id\":\"FUT\",\"net_amount\":\"10.00\",\"currency\":\"USD\"}",
                EventType.ENGAGEMENT_RECORDED, "{\"kind\":\"review\"}",
                EventType.REDEMPTION_REQUESTED, "{\"redemption_id\":\"FUT\",\"points\":10}",
                EventType.POINTS_ADJUSTED, "{\"points\":10,\"reason\":\"x\",\"operator\":\"ops\"}",
                EventType.RULES_PUBLISHED, "{\"rule_set\":{\"version\":\"future\"},\"effective_from\":\""
                        + tomorrow + "\"}",
                EventType.ML_SCORED, "{\"member_id\":\"M-x\",\"model\":\"churn\",\"model_version\":\"1\",\"score\":0.5}");
        List<String> lines = new ArrayList<>();
        for (Map.Entry<EventType, String> e : new TreeMap<>(payloads).entrySet()) {
            TopicSpec<String, byte[]> topic = Topics.forType(e.getKey());
            for (int partition = 0; partition < topic.partitions(); partition++) {
                String id = null;
                for (int n = 0; id == null; n++) {
                    String candidate = "future-" + e.getKey().wireName() + "-" + n;
                    int p = Utils.toPositive(Utils.murmur2(candidate.getBytes(StandardCharsets.UTF_8)))
                            % topic.partitions();
                    id = p == partition ? candidate : null;
                }
                boolean programWide = e.getKey() == EventType.RULES_PUBLISHED || e.getKey() == EventType.ML_SCORED;
                Event event = new Event(id, e.getKey().wireName(), PROGRAM.config().program(), tomorrow, "pos",
                        programWide ? Identifiers.NONE : new Identifiers("future@x.com", null, null, null, null),
                        (ObjectNode) EventJson.mapper().readTree(e.getValue()));
                lines.add(new String(EventJson.toBytes(event), StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    private static Map<String, Long> deadLetterReasons(Stack stack) {
        Map<String, Long> reasons = new TreeMap<>();
        TopicReader.forEachToEnd(stack.local.kafka().bootstrapServers(), List.of(Topics.DEAD_LETTER.name()), TIMEOUT,
                r -> reasons.merge(new String(r.headers().lastHeader(DeadLetter.REASON).value(),
                        StandardCharsets.UTF_8), 1L, Long::sum));
        return reasons;
    }

    private static long lateResolutions(Stack stack) {
        long[] late = {0};
        TopicReader.forEachToEnd(stack.local.kafka().bootstrapServers(), List.of(Topics.RESOLVED.name()), TIMEOUT,
                r -> late[0] += tree(r.value()).path("late").asBoolean() ? 1 : 0);
        return late[0];
    }

    private static JsonNode tree(byte[] json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every ledger entry of the live ledger: entry id → points. */
    private static Map<String, Long> ledger(Stack stack) throws Exception {
        Map<String, Long> entries = new TreeMap<>();
        try (Lakehouse lakehouse = Lakehouse.open(stack.local.lakehouse());
             CloseableIterable<Record> rows = IcebergGenerics.read(lakehouse.load(PointsLedger.DEFINITION)).build()) {
            for (Record r : rows) {
                entries.put((String) r.getField("entry_id"), (Long) r.getField("points"));
            }
        }
        return entries;
    }

    /** A stack set as 'stack up' sets it (no Trino: nothing here queries SQL), registered for the CLI to find. */
    private static final class Stack implements AutoCloseable {
        private final Path dir;
        private final LocalStack local;
        private final List<OperationalChange> written = new ArrayList<>();

        private Stack(Path dir, LocalStack local) {
            this.dir = dir;
            this.local = local;
        }

        static Stack start(Path dir) throws Exception {
            Options o = CommandLine.populateCommand(new Options(), "--work", dir.toString(), "--no-trino",
                    "--pg-port", port(), "--kafka-port", port(), "--http-port", port(), "--api-port", port());
            LocalStack local = LocalStack.start(o.stack, o.stack.workspace(), StackProfile.full(o.stack),
                    (component, detail) -> { });
            local.state().write(o.stack.workspace().stateFile());
            return new Stack(dir, local);
        }

        /** Writes the generated operational changes the filter takes, and waits until CDC has delivered them. */
        void writeOperational(Predicate<OperationalChange> which) throws Exception {
            List<OperationalChange> changes = PROGRAM.operationalChanges().stream().filter(which).toList();
            try (Connection c = local.postgres().connect(PostgresCluster.SHOP_DB)) {
                OperationalWriter.write(c, changes);
            }
            written.addAll(changes);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (delivered() < written.size()) {
                assertThat(System.nanoTime()).as("CDC delivered " + delivered() + " of " + written.size())
                        .isLessThan(deadline);
                Thread.sleep(200); // poll interval: the CDC runner's count decides
            }
        }

        private long delivered() {
            var stats = local.cdc().stats();
            return stats.events() + stats.deadLetters() + stats.filteredChanges();
        }

        void settle() throws Exception {
            loyalty.cli.ledger.SettledPipeline.await(local.kafka().bootstrapServers(), local.lakehouse(),
                    local.workspace().checkpoints().resolve("ledger"), TIMEOUT);
        }

        /** What 'loyalty stack status' prints. */
        String status() {
            PrintStream before = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                assertThat(cli("stack", "status")).isZero();
            } finally {
                System.setOut(before);
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        int cli(String... args) {
            return cli(System.err, args);
        }

        int cli(PrintStream err, String... args) {
            List<String> all = new ArrayList<>(List.of(args));
            int at = "stack".equals(args[0]) ? 2 : 1;
            all.add(at, "--work");
            all.add(at + 1, dir.toString());
            CommandLine cli = new CommandLine(new LoyaltyCommand());
            cli.setErr(new java.io.PrintWriter(err, true));
            return cli.execute(all.toArray(String[]::new));
        }

        @Override
        public void close() throws Exception {
            local.close();
        }
    }

    @Command(name = "test-stack")
    static final class Options {
        @Mixin
        StackOptions stack;
    }

    private static String port() {
        return String.valueOf(Ports.free());
    }
}
