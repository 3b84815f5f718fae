package loyalty.contract.validation;

/** Reason codes of dead-lettered input (SPEC §2, §13.5, §13.17). The code is stable; the detail is for people. */
public enum RejectReason {
    OVERSIZE("oversize"),
    INVALID_JSON("invalid_json"),
    NOT_AN_OBJECT("not_an_object"),
    MISSING_FIELD("missing_field"),
    WRONG_TYPE("wrong_type"),
    INVALID_VALUE("invalid_value"),
    UNKNOWN_TYPE("unknown_type"),
    NO_IDENTIFIER("no_identifier"),
    NO_USABLE_IDENTIFIER("no_usable_identifier"),
    DUPLICATE_ORDER_ID("duplicate_order_id"),
    DUPLICATE_RETURN_ID("duplicate_return_id"),
    UNMAPPABLE_CHANGE("unmappable_change"),
    /** Dated further ahead of its arrival than the tolerance: a wrong clock at the source (SPEC §1 is event time). */
    FUTURE_TIME("future_time");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
