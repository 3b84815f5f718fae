package loyalty.contract.validation;

import loyalty.contract.event.Event;

/** The outcome of validating one input record: an accepted event, or a reason to dead-letter it. */
public sealed interface Validation {

    record Accepted(Event event) implements Validation {
    }

    record Rejected(RejectReason reason, String detail) implements Validation {
    }

    static Validation rejected(RejectReason reason, String detail) {
        return new Rejected(reason, detail);
    }
}
