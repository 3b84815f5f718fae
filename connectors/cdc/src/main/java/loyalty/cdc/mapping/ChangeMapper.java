package loyalty.cdc.mapping;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import loyalty.contract.event.EventJson;
import loyalty.contract.validation.EventValidator;
import loyalty.contract.validation.RejectReason;
import loyalty.contract.validation.Validation;

/**
 * Turns a captured row change into what the pipeline should receive: a canonical SPEC §2 event that passed the
 * contract's validation, a dead letter with a reason, or nothing. The rules per table are in connectors/cdc/README.md.
 * Thread-safe.
 */
public final class ChangeMapper {
    /** The {@code source} of every CDC event. */
    public static final String SOURCE = "cdc";
    /**
     * Debezium's heartbeat.action.query writes here. It is captured only so that quiet periods still move the
     * replication slot (pgoutput skips transactions that touch no published table); its changes are not events.
     */
    public static final String HEARTBEAT_TABLE = "debezium_heartbeat";

    private final Map<String, TableMapping> byTable;
    private final EventValidator validator;

    public ChangeMapper() {
        this(new EventValidator());
    }

    public ChangeMapper(EventValidator validator) {
        this.validator = validator;
        this.byTable = List.of(new CustomerMapping(), new OrderMapping(), new ReturnMapping(), new RuleSetMapping())
                .stream().collect(Collectors.toMap(TableMapping::table, Function.identity()));
    }

    public MappingResult map(RowChange change) {
        if (HEARTBEAT_TABLE.equals(change.table())) {
            return new MappingResult.Skip("heartbeat");
        }
        TableMapping mapping = byTable.get(change.table());
        if (mapping == null) {
            // A table captured by mistake must be visible, not dropped: its changes go to the dead-letter topic.
            return new MappingResult.Reject(RejectReason.UNMAPPABLE_CHANGE, "no mapping for table " + change.table());
        }
        if (change.kind() != ChangeKind.DELETE && change.after() == null) {
            return new MappingResult.Reject(RejectReason.UNMAPPABLE_CHANGE,
                    change.table() + " " + change.kind() + " without an after-image");
        }
        MappingResult result;
        try {
            result = mapping.map(change);
        } catch (UnmappableChangeException e) {
            return new MappingResult.Reject(e.reason(), e.getMessage());
        }
        if (result instanceof MappingResult.Emit emit) {
            // The same gate as every other input: whatever the contract would reject from a file, it rejects here.
            Validation validation = validator.validate(EventJson.toBytes(emit.event()));
            if (validation instanceof Validation.Rejected rejected) {
                return new MappingResult.Reject(rejected.reason(), rejected.detail());
            }
            return new MappingResult.Emit(((Validation.Accepted) validation).event());
        }
        return result;
    }
}
