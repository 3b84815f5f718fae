package loyalty.ledger.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/** A decided redemption: its outcome, and for an approved one the points it took from each lot. */
public final class RedemptionRecord {
    @JsonProperty("outcome") public RedemptionOutcome outcome;
    @JsonProperty("consumed") public Map<String, Long> consumed = new LinkedHashMap<>();
    @JsonProperty("cancelled") public boolean cancelled;

    public RedemptionRecord() {
    }

    RedemptionRecord(RedemptionOutcome outcome) {
        this.outcome = outcome;
    }
}
