package loyalty.generator.people;

/** Identity-mess cases planted on purpose, so that each is present in every data set (and listed in the manifest). */
public enum Plant {
    /** Enrolled twice in the CRM with two different emails and the same phone. */
    DUPLICATE_ENROLLMENT("duplicate_enrollment"),
    /** Shares a phone number with another person of the same household. */
    SHARED_PHONE("shared_phone"),
    /**
     * Three accounts - a CRM login, a guest web-shop email with a phone, an anonymous store card - that never meet
     * in one event: an app order links the login to the guest email, a till sale links the card to the phone.
     */
    THREE_ACCOUNT_CHAIN("three_account_chain"),
    /** Writes many reviews within one month, beyond the monthly review cap. */
    REVIEW_ENTHUSIAST("review_enthusiast"),
    /** Refers more friends in a year than the referral cap allows. */
    SUPER_REFERRER("super_referrer");

    private final String code;

    Plant(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
