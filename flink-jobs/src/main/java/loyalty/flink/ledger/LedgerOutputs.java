package loyalty.flink.ledger;

import loyalty.contract.deadletter.DeadLetter;
import loyalty.flink.identity.KeyedJson;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side outputs of {@link ApplyLedger}; its main output is the ledger entries. */
public final class LedgerOutputs {
    public static final OutputTag<KeyedJson> BALANCES =
            new OutputTag<>("balances", TypeInformation.of(KeyedJson.class));
    /** The balance with the member's open lots, for {@code serving.balances} (JSON of ServingBalance). */
    public static final OutputTag<KeyedJson> SERVING_BALANCES =
            new OutputTag<>("serving-balances", TypeInformation.of(KeyedJson.class));
    public static final OutputTag<KeyedJson> OUTCOMES =
            new OutputTag<>("redemption-outcomes", TypeInformation.of(KeyedJson.class));
    public static final OutputTag<KeyedJson> TIER_CHANGES =
            new OutputTag<>("tier-changes", TypeInformation.of(KeyedJson.class));
    public static final OutputTag<KeyedJson> RULES_REJECTED =
            new OutputTag<>("rules-rejected", TypeInformation.of(KeyedJson.class));
    /** Every rules.published event, accepted or rejected, with its diff (JSON of RuleSetPublication). */
    public static final OutputTag<KeyedJson> RULE_SET_PUBLICATIONS =
            new OutputTag<>("rule-set-publications", TypeInformation.of(KeyedJson.class));
    /** Every nudge record, delivered or suppressed (JSON of {@link loyalty.nudge.Nudge}, keyed by member_id). */
    public static final OutputTag<KeyedJson> NUDGES =
            new OutputTag<>("nudges", TypeInformation.of(KeyedJson.class));
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("ledger-dead-letters", TypeInformation.of(DeadLetter.class));

    private LedgerOutputs() {
    }
}
