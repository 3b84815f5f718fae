package loyalty.identity.normalize;

/** The identifier kinds of SPEC §3, by their wire names in the event envelope. */
public enum IdentifierType {
    EMAIL("email", true),
    PHONE("phone", true),
    CARD("card", true),
    CRM_ID("crm_id", true),
    /** Weak: attaches to the member of the event's strong identifiers and never causes a merge. */
    DEVICE_ID("device_id", false);

    private final String wireName;
    private final boolean strong;

    IdentifierType(String wireName, boolean strong) {
        this.wireName = wireName;
        this.strong = strong;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isStrong() {
        return strong;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
