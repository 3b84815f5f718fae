package loyalty.feeds.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import loyalty.contract.event.EventJson;
import loyalty.contract.publish.EventPublisher;
import loyalty.contract.validation.Validation;
import loyalty.feeds.IngestReport;
import loyalty.feeds.RecordTally;

/**
 * Splits one HTTP batch into records and publishes each. A body starting with '[' is a JSON array (each element
 * is re-serialised as the record); anything else is JSON Lines, where a broken line is its own dead letter.
 */
final class BatchIngest {
    private final EventPublisher publisher;
    private final AtomicLong requests = new AtomicLong();
    private IngestReport totals = IngestReport.empty("http");

    BatchIngest(EventPublisher publisher) {
        this.publisher = publisher;
    }

    record Outcome(int index, String position, Validation validation) {
    }

    List<Outcome> ingest(byte[] body) {
        long request = requests.incrementAndGet();
        List<byte[]> records = split(body);
        List<Outcome> outcomes = new ArrayList<>(records.size());
        RecordTally tally = new RecordTally();
        for (int i = 0; i < records.size(); i++) {
            String position = "request:" + request + "/record:" + i;
            Validation v = publisher.publish(records.get(i), "http", position);
            tally.count(v);
            outcomes.add(new Outcome(i, position, v));
        }
        publisher.flush();
        synchronized (this) {
            totals = totals.plus(tally.report("http"));
        }
        return outcomes;
    }

    synchronized IngestReport totals() {
        return totals;
    }

    private static List<byte[]> split(byte[] body) {
        int start = 0;
        while (start < body.length && Character.isWhitespace(body[start])) {
            start++;
        }
        if (start < body.length && body[start] == '[') {
            try {
                JsonNode array = EventJson.mapper().readTree(body);
                List<byte[]> records = new ArrayList<>();
                array.forEach(node -> records.add(EventJson.toBytes(node)));
                return records;
            } catch (IOException e) {
                // Not a valid array after all: the whole body is one bad record with its parse error.
                return List.of(body);
            }
        }
        List<byte[]> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int to = i > from && body[i - 1] == '\r' ? i - 1 : i;
                if (new String(body, from, to - from, StandardCharsets.UTF_8).isBlank()) {
                    from = i + 1;
                    continue;
                }
                lines.add(Arrays.copyOfRange(body, from, to));
                from = i + 1;
            }
        }
        return lines;
    }
}
