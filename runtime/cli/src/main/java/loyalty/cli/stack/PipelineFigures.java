package loyalty.cli.stack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.topic.Topics;
import loyalty.lakehouse.catalog.Lakehouse;
import loyalty.lakehouse.table.IdentityEvents;
import loyalty.stack.kafka.TopicReader;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.header.Header;

/**
 * What a running stack has set aside, for {@code stack status}: events that arrived after identity resolution's
 * clock had passed them (applied late, SPEC §1; listed in {@code audit.late_arrivals}) and the dead-letter topic by
 * reason (e.g. {@code future_time}), both per program or reason.
 */
final class PipelineFigures {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private PipelineFigures() {
    }

    /** Late arrivals per program, from {@code identity.identity_events}. */
    static Map<String, Long> lateArrivals(StackState s) throws Exception {
        Map<String, Long> byProgram = new TreeMap<>();
        try (Lakehouse lakehouse = Lakehouse.open(s.lakehouse());
             CloseableIterable<Record> rows = IcebergGenerics.read(lakehouse.catalog().loadTable(IdentityEvents.ID))
                     .where(Expressions.equal("kind", IdentityEvents.LATE)).select("program", "kind").build()) {
            for (Record r : rows) {
                byProgram.merge((String) r.getField("program"), 1L, Long::sum);
            }
        }
        return byProgram;
    }

    /** Dead letters per reason code. */
    static Map<String, Long> deadLetters(StackState s) {
        Map<String, Long> byReason = new TreeMap<>();
        TopicReader.forEachToEnd(s.kafkaBootstrap(), List.of(Topics.DEAD_LETTER.name()), READ_TIMEOUT, r -> {
            Header reason = r.headers().lastHeader(DeadLetter.REASON);
            byReason.merge(reason == null ? "?" : new String(reason.value(), StandardCharsets.UTF_8), 1L, Long::sum);
        });
        return byReason;
    }
}
