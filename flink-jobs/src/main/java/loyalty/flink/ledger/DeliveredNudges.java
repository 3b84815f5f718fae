package loyalty.flink.ledger;

import loyalty.contract.event.EventJson;
import loyalty.flink.identity.KeyedJson;
import loyalty.nudge.Nudge;
import org.apache.flink.api.common.functions.FilterFunction;

/** Keeps the nudges that passed every gate: those go to the nudge topic (SPEC §10). */
final class DeliveredNudges implements FilterFunction<KeyedJson> {
    @Override
    public boolean filter(KeyedJson nudge) throws Exception {
        return Nudge.DELIVERED.equals(EventJson.mapper().readTree(nudge.value()).path("status").asText());
    }
}
