package loyalty.flink.identity;

import loyalty.contract.deadletter.DeadLetter;
import loyalty.lakehouse.table.IdentityEvents;
import loyalty.lakehouse.table.IdentityLinks;
import loyalty.lakehouse.table.Members;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.OutputTag;

/** The side outputs of {@link ResolveIdentities}; its main output is the resolved stream. */
public final class IdentityOutputs {
    /** identity.merged and identity.conflict records for {@code loyalty.identity.changes}. */
    public static final OutputTag<KeyedJson> CHANGES =
            new OutputTag<>("identity-changes", TypeInformation.of(KeyedJson.class));
    public static final OutputTag<RowData> MEMBER_ROWS =
            new OutputTag<>("member-rows", RowByName.typeInfo(Members.SCHEMA));
    public static final OutputTag<RowData> LINK_ROWS =
            new OutputTag<>("link-rows", RowByName.typeInfo(IdentityLinks.SCHEMA));
    public static final OutputTag<RowData> EVENT_ROWS =
            new OutputTag<>("identity-event-rows", RowByName.typeInfo(IdentityEvents.SCHEMA));
    /** Events whose identifiers were all invalid or blocklisted (SPEC §13.5 {@code no_usable_identifier}). */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("identity-dead-letters", TypeInformation.of(DeadLetter.class));

    private IdentityOutputs() {
    }
}
