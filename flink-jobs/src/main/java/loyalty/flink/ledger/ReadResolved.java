package loyalty.flink.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import loyalty.contract.event.EventJson;
import org.apache.flink.api.common.functions.MapFunction;

/** Reads the program and event time of a resolved record (an event's or a merge's {@code occurred_at}). */
public final class ReadResolved implements MapFunction<byte[], ResolvedRecord> {

    @Override
    public ResolvedRecord map(byte[] value) throws Exception {
        return of(value);
    }

    static ResolvedRecord of(byte[] value) throws java.io.IOException {
        JsonNode tree = EventJson.mapper().readTree(value);
        JsonNode body = tree.hasNonNull("event") ? tree.get("event") : tree.path("merge");
        return new ResolvedRecord(tree.path("program").asText(),
                Instant.parse(body.path("occurred_at").asText()).toEpochMilli(), value);
    }
}
