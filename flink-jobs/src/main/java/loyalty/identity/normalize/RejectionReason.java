package loyalty.identity.normalize;

/** Why an identifier was ignored. The code is stable (it labels counters); the detail beside it is for people. */
public enum RejectionReason {
    MALFORMED_EMAIL("malformed_email"),
    INVALID_PHONE("invalid_phone"),
    INVALID_CARD("invalid_card"),
    /** A blocklist glob matched, or the phone is one repeated digit. */
    BLOCKLISTED("blocklisted");

    private final String code;

    RejectionReason(String code) {
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
