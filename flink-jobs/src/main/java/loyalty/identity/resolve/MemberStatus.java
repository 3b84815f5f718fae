package loyalty.identity.resolve;

/** Where a profile stands: known but never enrolled, enrolled, or merged into another member. */
public enum MemberStatus {
    PROSPECT,
    ACTIVE,
    MERGED
}
