package loyalty.generator.people;

/** How a person relates to the retailer: what accounts they have and which channels identify them. */
public enum Segment {
    /** A CRM account that joined the loyalty program at sign-up. */
    MEMBER(0.60, true),
    /** A CRM account that joins the program some weeks after sign-up (an UPDATE flips loyalty_enrolled). */
    LATE_JOINER(0.07, true),
    /** A CRM account (web shop login) that never joins the program. */
    CUSTOMER(0.10, true),
    /** No CRM account: an anonymous loyalty card picked up in a store, used at the till only. */
    CARD_SHOPPER(0.10, false),
    /** No CRM account: guest checkout on the web shop with an email, reviews as a guest. */
    WEB_GUEST(0.09, false),
    /** No CRM account, no card: gives a phone number at the till. */
    PHONE_SHOPPER(0.04, false);

    private final double share;
    private final boolean hasCrmAccount;

    Segment(double share, boolean hasCrmAccount) {
        this.share = share;
        this.hasCrmAccount = hasCrmAccount;
    }

    public double share() {
        return share;
    }

    public boolean hasCrmAccount() {
        return hasCrmAccount;
    }
}
