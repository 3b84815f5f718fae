package loyalty.lakehouse.table;

import java.util.List;

/** The one list of the platform's Iceberg tables; later issues add nudges and scores. */
public final class TableDefinitions {
    private TableDefinitions() {
    }

    public static List<TableDefinition> all() {
        return List.of(RawEvents.DEFINITION, Members.DEFINITION, IdentityLinks.DEFINITION, IdentityEvents.DEFINITION,
                PointsLedger.DEFINITION, Balances.DEFINITION, TierHistory.DEFINITION, RedemptionOutcomes.DEFINITION,
                MemberFeatures.DEFINITION, MlModels.DEFINITION, MemberScores.DEFINITION, Nudges.DEFINITION,
                Erasures.DEFINITION, RuleSetPublications.DEFINITION);
    }
}
