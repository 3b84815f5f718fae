package loyalty.cdc.mapping;

import loyalty.contract.event.Event;
import loyalty.contract.validation.RejectReason;

/** What one row change becomes: a canonical event, a dead letter with a reason, or nothing (not a loyalty event). */
public sealed interface MappingResult {

    /** A canonical event; from {@link ChangeMapper} it has passed the contract's validation. */
    record Emit(Event event) implements MappingResult {
    }

    /** The row cannot make a valid event; it goes to the dead-letter topic with this reason. */
    record Reject(RejectReason reason, String detail) implements MappingResult {
    }

    /** The change is not a loyalty event under the mapping (e.g. a delete); counted, not sent. */
    record Skip(String why) implements MappingResult {
    }
}
