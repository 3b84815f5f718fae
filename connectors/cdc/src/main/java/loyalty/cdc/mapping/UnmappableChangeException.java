package loyalty.cdc.mapping;

import loyalty.contract.validation.RejectReason;

/** A column that the mapping needs is missing or of a shape it cannot read; the change is dead-lettered. */
final class UnmappableChangeException extends RuntimeException {
    private final RejectReason reason;

    UnmappableChangeException(RejectReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }
}
